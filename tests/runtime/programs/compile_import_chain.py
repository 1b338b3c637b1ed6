# a syntax error in a module imported by an imported module: every importer's line is shown
import sys
with open("chain_top_for_test.py", "w") as f:
    f.write("# top\nimport chain_bottom_for_test\nvalue = 1\n")
with open("chain_bottom_for_test.py", "w") as f:
    f.write("def ok():\n    pass\n\nclass C:\n    def m(self):\n        return = 2\n")
try:
    import chain_top_for_test
except SyntaxError as e:
    sys.print_exception(e)
print(sorted(k for k in sys.modules if k.startswith("chain_")))
with open("chain_bottom_for_test.py", "w") as f:
    f.write("def f():\n    yield\n    return\nnonlocal_here = 1\ndef g():\n    nonlocal nonlocal_here\n")
try:
    import chain_top_for_test
except SyntaxError as e:
    sys.print_exception(e)
import os
os.remove("chain_top_for_test.py")
os.remove("chain_bottom_for_test.py")
