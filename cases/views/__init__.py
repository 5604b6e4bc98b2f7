"""The browser interface of cases: views parse input, call one service or selector, and render."""
