"""Each request is one `evaluation()`: a figure, or a module's shared aggregate, is computed once per page."""

from __future__ import annotations

from fazhi.metrics.registry import evaluation


class EvaluationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with evaluation():
            return self.get_response(request)
