class DutchByDefaultMiddleware:
    """Dutch unless the user chose otherwise: the browser's Accept-Language is not a choice.

    A government system serves its officers in Dutch; an English-language browser on a shared
    workstation must not switch the UI. The explicit choice (language cookie set through the
    language form) still wins, because LocaleMiddleware reads the cookie first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
