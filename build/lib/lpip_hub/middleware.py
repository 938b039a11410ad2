"""Response headers that Django's own middleware does not set."""


class CrossOriginResourcePolicyMiddleware:
    """Only this site may embed its responses (Cross-Origin-Resource-Policy: same-origin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
