for exc in [IndexError, KeyError, ZeroDivisionError, OverflowError, ValueError, TypeError, NameError,
            AttributeError, RuntimeError, NotImplementedError, StopIteration, OSError, ImportError, AssertionError]:
    print(exc.__name__, [b.__name__ for b in (Exception, LookupError, ArithmeticError, RuntimeError) if issubclass(exc, b)])
print(issubclass(KeyboardInterrupt, BaseException), issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, Exception))
try:
    import does_not_exist
except ImportError as e:
    print("ImportError", e)
