import micropython
help(len)
help(int)
help(5)
help([])
help({})
help(())
help(set())
help(str)


class Sensor:
    rate = 10

    name = "s"


help(Sensor)
print("end")
