"""Outsourcing Advisor: BPO, KPO or in-house, task by task."""
