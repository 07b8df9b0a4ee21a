"""What the records mean: what to do next, pace and forecasts, history, evidence, the match
against a job posting, and the three-way merge of two state files.

Pure functions over model values (no files, no TOML, no Textual), one module per question, so
the CLI, the TUI and the exports all give the same answers and the tests run in milliseconds.
"""
