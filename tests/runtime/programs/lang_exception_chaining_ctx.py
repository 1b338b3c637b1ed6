def a():
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
try:
    a()
except TypeError as e:
    print("outer got", e)

def reraise_bare():
    try:
        raise KeyError("k")
    except KeyError:
        print("handling")
        raise
try:
    reraise_bare()
except KeyError as e:
    print("re-raised", repr(e))

def except_order(x):
    try:
        if x == 0:
            raise IndexError("i")
        if x == 1:
            raise LookupError("l")
        raise Exception("e")
    except IndexError:
        return "IndexError"
    except LookupError:
        return "LookupError"
    except Exception as ex:
        return "Exception " + str(ex)
print([except_order(i) for i in range(3)])

def tuple_catch(exc):
    try:
        raise exc
    except (TypeError, ValueError) as e:
        return type(e).__name__
    except:
        return "bare"
print(tuple_catch(TypeError), tuple_catch(ValueError("v")), tuple_catch(KeyError))

def name_cleared():
    try:
        raise ValueError
    except ValueError as err:
        pass
    try:
        return err
    except NameError:
        return "err unbound"
print(name_cleared())
try:
    raise ValueError from None
except ValueError as e:
    print("from None ok", e.args)
