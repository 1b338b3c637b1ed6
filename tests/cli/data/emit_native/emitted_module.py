def boom():
    raise KeyError(3)
