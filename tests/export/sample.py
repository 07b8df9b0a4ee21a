"""A fixed, hand-built roadmap and user state for the export tests and golden files.

Built from model objects, not the bundled template, so editing the template never changes
the golden files; the real template gets its own (non-golden) tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from roadmap.config import Profile
from roadmap.model import (
    Check,
    ItemState,
    Milestone,
    Project,
    ReadinessGroup,
    Roadmap,
    RoadmapState,
    Skill,
    SkillGroup,
    Status,
    Step,
)

STAMP = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T10:00:00+00:00")


def sample_roadmap() -> Roadmap:
    step_titles = [
        ("start-with-a-course", "Start with a course", ["complete-course", "check-math"]),
        ("understand-your-end-goal", "Understand your end goal", ["write-goal", "pick-industry"]),
        ("learn-software-engineering", "Learn software engineering fundamentals",
         ["learn-python", "learn-algorithms"]),
        ("learn-data-science", "Learn data science fundamentals",
         ["learn-statistics", "build-evaluation"]),
        ("familiarize-with-tools", "Familiarize yourself with the tools and concepts",
         ["try-pytorch"]),
        ("work-on-real-projects", "Work on real-life projects",
         ["deploy-ml-system", "build-data-pipeline", "document-portfolio"]),
        ("do-a-bootcamp", "Do an online course or bootcamp", ["compare-bootcamps"]),
    ]
    milestone_titles = {
        "complete-course": "Complete an online course on machine-learning fundamentals",
        "check-math": "Make sure your math is at least at high-school level",
        "write-goal": "Write down what you want from a career in ML engineering",
        "pick-industry": "Pick the industries you would like to work in",
        "learn-python": "Become fluent in Python",
        "learn-algorithms": "Write algorithms that sort, search and optimize",
        "learn-statistics": "Learn statistics: distributions, variance and hypothesis testing",
        "build-evaluation": "Develop an evaluation strategy for predictive models",
        "try-pytorch": "Build models with PyTorch",
        "deploy-ml-system": "Prototype an ML system and deploy it behind an API",
        "build-data-pipeline": "Build a reliable, reproducible data pipeline",
        "document-portfolio": "Document your end-to-end projects in a portfolio",
        "compare-bootcamps": "Compare bootcamps on production-engineering content",
    }
    steps = tuple(
        Step(sid, title, items=tuple(Milestone(m, milestone_titles[m]) for m in ms))
        for sid, title, ms in step_titles
    )
    skills = (
        SkillGroup("data-skills", "Data skills", items=(
            Skill("data-cleaning", "Data quality and cleaning"),
            Skill("data-pipelines", "Reliable, reproducible data pipelines"),
            Skill("sql", "SQL"),
            Skill("big-data", "Big data"),
        )),
        SkillGroup("machine-learning-skills", "Machine-learning skills", items=(
            Skill("classification", "Classification"),
            Skill("deep-learning", "Deep learning"),
            Skill("model-deployment", "Deploying models to production"),
            Skill("reinforcement-learning", "Reinforcement learning"),
        )),
        SkillGroup("languages", "Languages", items=(
            Skill("python", "Python"),
            Skill("cpp", "C++"),
        )),
    )
    readiness = (
        ReadinessGroup("job-responsibilities", "Job responsibilities", items=(
            Check("run-experiments", "Run machine-learning tests and experiments"),
            Check("statistical-analysis", "Perform statistical analysis to improve models"),
            Check("train-and-retrain", "Train and retrain ML systems when needed"),
        )),
        ReadinessGroup("successful-traits", "Traits of a successful ML engineer", items=(
            Check("communication", "Communicate results clearly"),
        )),
    )
    return Roadmap("ml-engineer", "Machine learning engineer", steps=steps,
                   skill_groups=skills, readiness=readiness)


def sample_state() -> RoadmapState:
    done = {
        "complete-course": "2024-01-20", "check-math": "2024-01-05",
        "write-goal": "2024-02-01",
        "learn-python": "2024-03-10", "learn-algorithms": "2024-04-02",
        "learn-statistics": "2024-05-15", "build-evaluation": "2024-06-01",
        "deploy-ml-system": "2024-09-30",
        "data-cleaning": "2024-05-01", "data-pipelines": "2024-08-12", "sql": "2024-03-01",
        "classification": "2024-06-20", "python": "2024-02-10",
        "run-experiments": "2024-07-01", "statistical-analysis": "2024-07-20",
        "communication": "2024-09-01",
    }
    items = {k: ItemState(Status.DONE, _at(v)) for k, v in done.items()}
    items["pick-industry"] = ItemState(Status.IN_PROGRESS, _at("2024-02-03"))
    items["deep-learning"] = ItemState(Status.IN_PROGRESS, _at("2024-10-01"),
                                       note="Working through the fast.ai course.")
    items["model-deployment"] = ItemState(Status.IN_PROGRESS, _at("2024-10-02"))
    items["compare-bootcamps"] = ItemState(Status.SKIPPED, _at("2024-01-02"))
    items["cpp"] = ItemState(Status.SKIPPED, _at("2024-01-02"))
    projects = {
        "churn-predictor": Project(
            "churn-predictor", "Customer churn predictor",
            urls=("https://github.com/adalove/churn", "https://churn.example.com/demo"),
            summary="Gradient-boosted model predicting subscription churn from 2 years of "
                    "usage logs.\nServed behind a FastAPI endpoint with a nightly retrain.\n\n"
                    "Cut monthly churn in the pilot region by 4 points.",
            notes="Private: ask Sam for a reference.",
            skills=("classification", "data-cleaning", "python", "model-deployment"),
            milestones=("deploy-ml-system", "document-portfolio"),
            started=date(2024, 6, 1), finished=date(2024, 9, 30),
        ),
        "taxi-pipeline": Project(
            "taxi-pipeline", "NYC taxi data pipeline",
            urls=("https://github.com/adalove/taxi",),
            summary="Daily batch pipeline loading trip records into Postgres, with tests.",
            skills=("data-pipelines", "sql"),
            milestones=("build-data-pipeline",),
            started=date(2024, 10, 5),
        ),
        "kaggle-notebooks": Project(
            "kaggle-notebooks", "Kaggle notebooks",
            skills=("python",),
        ),
    }
    return RoadmapState(items=items, projects=projects)


def sample_profile() -> Profile:
    return Profile(
        name="Ada Lovelace",
        headline="Aspiring machine learning engineer",
        summary="Data analyst moving into ML engineering: I build models and the "
                "pipelines that keep them honest.\n\nOpen to junior ML engineering roles.",
        location="London, UK",
        email="ada@example.com",
        website="https://ada.example.com/",
        github="https://github.com/adalove",
        linkedin="https://www.linkedin.com/in/adalove",
    )
