import emitted_module
try:
    emitted_module.boom()
except KeyError as e:
    import sys; sys.print_exception(e)
exec("def h():\n    1/0\nh()")
