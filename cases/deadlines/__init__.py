"""The legal deadline engine: pure term arithmetic (Atw, counting, rules) and its explanation."""
