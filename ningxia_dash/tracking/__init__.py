"""Target tracking: the status engine and end-of-period verdicts, the engine run over the plan's tables, and what
the tracking screens show (overview, targets, gauges, one target's detail, evaluation, charts, continuity)."""
