"""ningxia_dash: monitoring dashboard for Ningxia's plan 宁政办发〔2021〕93号 (package root)."""

__version__ = "0.1.0"
