# The admin shows no person or case data (issue 9): those are read through the application, which checks the
# scope and writes the access log. Only reference data is kept here: the Atw calendar of the deadline engine;
# importing it lets autodiscovery find it.
from .deadlines import admin as deadlines_admin  # noqa: F401
