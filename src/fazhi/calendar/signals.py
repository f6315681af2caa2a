"""Sent inside the action's transaction when working days change, so deadlines can be recomputed and audited."""

from django.dispatch import Signal

# kwargs: start, end (dates, inclusive: the days whose status may have changed), actor, reason
schedule_changed = Signal()
