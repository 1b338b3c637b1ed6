def outer():
    def inner():
        break
    return inner
