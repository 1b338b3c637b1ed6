def check(v):
    assert v > 0, "must be positive, got %d" % v
    return v
print(check(3))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError", e, e.args)
try:
    assert False
except AssertionError as e:
    print("bare", repr(e), e.args)
try:
    assert [], ["payload", 1]
except AssertionError as e:
    print("payload", e.args)
def lazy_msg():
    print("message evaluated")
    return "msg"
assert True, lazy_msg()
try:
    assert 0, lazy_msg()
except AssertionError as e:
    print("got", e)
assert 1 == 2, "uncaught"
