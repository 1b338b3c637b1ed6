def double(x):
    return 2 * x
_hidden = 1
visible = "yes"
