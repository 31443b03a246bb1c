"""Tasks stage: the sentences that commit the government to do something.

``find_tasks(doc, norm)`` reads a segmented Document with its claims and
returns :class:`~policyparse.records.Task` records; see ``docs/tasks.md``.
"""

from .directives import find_tasks

__all__ = ["find_tasks"]
