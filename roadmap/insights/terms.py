"""Word lists for reading job postings: technology names, and words that are also products.

Kept apart from the matcher so the lists can grow without touching its rules. Every list is
lower case; the matcher compares case-folded tokens against them.
"""

from __future__ import annotations

TECH_TERMS: tuple[str, ...] = (
    # languages
    "Go", "Golang", "Rust", "Scala", "Kotlin", "Swift", "Ruby", "Julia", "TypeScript", "C#",
    "F#", "Haskell", "Elixir", "Erlang", "Clojure", "Perl", "PHP", "Bash", "PowerShell",
    "Fortran", "Dart", "Lua", "Objective-C", "Zig", "Mojo", "SAS", "Stata", "SPSS", "Cython",
    # data and ML libraries
    "NumPy", "pandas", "SciPy", "Polars", "Dask", "Ray", "JAX", "Flax", "ONNX", "TensorRT",
    "OpenVINO", "CUDA", "cuDNN", "Triton", "OpenCV", "spaCy", "NLTK", "Gensim",
    "Hugging Face", "Transformers", "LangChain", "LlamaIndex", "vLLM", "DeepSpeed",
    "Megatron", "Optuna", "Hyperopt", "statsmodels", "Prophet", "CatBoost", "Seaborn",
    "Matplotlib", "Bokeh", "Streamlit", "Gradio", "Jupyter", "Jupyter notebooks",
    "MLflow", "Kubeflow", "Weights & Biases", "W&B", "DVC", "Feast", "BentoML", "Seldon",
    "KServe", "TorchServe", "SHAP", "LIME", "Great Expectations", "Pydantic",
    # models and methods written as names
    "LLM", "LLMs", "RAG", "BERT", "GPT", "GPT-4", "Llama", "Transformer", "GAN", "GANs",
    "LSTM", "XLA", "RLHF", "LoRA", "Stable Diffusion", "word2vec", "FAISS", "Milvus",
    "Pinecone", "Weaviate", "Chroma", "pgvector",
    # data platforms
    "Airflow", "Apache Airflow", "dbt", "Snowflake", "Databricks", "BigQuery", "Redshift",
    "Athena", "Presto", "Trino", "Hive", "Apache Hive", "Flink", "Apache Flink", "Beam",
    "Apache Beam", "Delta Lake", "Iceberg", "Apache Iceberg", "Parquet", "Avro", "Dagster",
    "Prefect", "Luigi", "Fivetran", "Looker", "Superset", "Metabase", "Qlik",
    # databases
    "MongoDB", "Redis", "Cassandra", "DynamoDB", "Elasticsearch", "OpenSearch", "Neo4j",
    "ClickHouse", "DuckDB", "Oracle", "SQL Server", "NoSQL", "GraphQL",
    # cloud and operations
    "AWS", "Azure", "GCP", "Google Cloud", "Google Cloud Platform", "Amazon Web Services",
    "Microsoft Azure", "Azure ML", "S3", "EC2", "ECS", "EKS", "Lambda", "AWS Lambda",
    "Docker", "Kubernetes", "K8s", "Helm", "Terraform", "Ansible", "Linux", "Unix",
    "CI/CD", "Jenkins", "GitHub Actions", "GitLab CI", "CircleCI", "Argo", "Prometheus",
    "Grafana", "Datadog", "Kafka Connect", "RabbitMQ", "Celery", "gRPC", "REST", "REST APIs",
    "FastAPI", "Flask", "Django", "Spring", "Node", "React", "Angular", "Vue", "Next.js",
    ".NET", "JVM", "DevOps", "SRE", "Jira", "Confluence", "Slack",
    # hardware
    "GPU", "GPUs", "TPU", "TPUs", "FPGA",
)
"""Technology names a posting may ask for that a roadmap may not track: candidates for the
"not on your roadmap" list. A name also on the roadmap (a skill's title or alias) is never
reported here: the roadmap's own skill wins."""

AMBIGUOUS_WORDS = frozenset({
    "go", "rust", "ruby", "swift", "julia", "spark", "dash", "orange", "excel", "torch",
    "ray", "flask", "lambda", "snowflake", "airflow", "hive", "beam", "presto", "looker",
    "prefect", "luigi", "argo", "helm", "node", "react", "angular", "vue", "spring", "slack",
    "oracle", "transformer", "transformers", "chroma", "feast", "athena", "iceberg",
    "parquet", "prophet", "lime", "triton", "seldon", "llama", "bash", "pig", "storm",
    "shiny", "dart", "elixir", "mojo", "celery", "superset", "shell", "sage", "lisp",
})
"""Everyday words that are also technology names ("Spark curiosity", "Go the extra mile",
"excel at", "react quickly", "Ray" the name). Such a name matches only as written (its
capitals), and only where the sentence reads as technology, never as the first word of a
sentence or in a Title Case heading without a technology next to it."""

TECH_FOLLOWERS = frozenset({
    "programming", "language", "languages", "code", "coding", "codebase", "developer",
    "developers", "development", "engineer", "engineers", "scripts", "scripting", "package",
    "packages", "library", "libraries", "ecosystem", "framework", "frameworks", "sdk",
    "api", "apis", "cluster", "clusters", "streaming", "pipelines", "jobs", "runtime",
    "compiler", "toolchain", "services", "microservices", "backend", "notebooks", "shiny",
    "studio", "tidyverse", "ggplot2", "dataframes", "applications", "modules", "stack",
})
"""Words after a short or everyday name that show it is meant as technology ("R programming",
"C code", "Go services", "Spark jobs")."""

CLAUSE_LEADERS = frozenset({"in", "with", "using", "of", "and", "or"})
"""Words before a short name at the end of a clause that read as technology ("fluent in R.")."""

LIST_WORDS = frozenset({"and", "or", "plus", "including", "like", "e.g", "i.e", "such",
                        "as", "nor", "&"})
"""Words that may sit between two items of a list of technologies ("Python and R")."""

SHAPE_STOP = frozenset({
    "phd", "phds", "linkedin", "youtube", "iphone", "ipad", "ebay", "paypal", "mckinsey",
    "whatsapp", "facetime", "macbook", "jobid", "reqid", "wework", "bsc", "msc", "mba",
    "bs/ms", "ms/phd", "mcdonald", "mcdonald's", "powerpoint", "hubspot", "glassdoor",
    "ziprecruiter", "tiktok", "openai", "deepmind", "doordash", "airbnb", "salesforce",
})
"""Mixed-case words that are degrees, brands or job boards, not technologies to learn."""

STOP_ACRONYMS = frozenset({
    "ai", "ml", "us", "usa", "uk", "eu", "hr", "ceo", "cto", "cfo", "vp", "pto", "eeo", "ada",
    "faq", "asap", "tbd", "ok", "it", "ui", "ux", "qa", "r&d", "kpi", "kpis", "okr", "okrs",
    "b2b", "b2c", "saas", "nyc", "sf", "la", "est", "pst", "cet", "utc", "remote",
})
"""Upper-case words in postings that are not skills (places, roles, legal terms)."""
