# a renderer written in guest code: what f-strings would give, from the template's parts
from string.templatelib import Interpolation

def convert(value, conversion):
    if conversion == "r":
        return repr(value)
    if conversion == "s":
        return str(value)
    return value

def render(template):
    out = []
    for part in template:
        if isinstance(part, Interpolation):
            out.append(("{:" + part.format_spec + "}").format(convert(part.value, part.conversion)))
        else:
            out.append(part)
    return "".join(out)

def shout(template):
    return "".join(p.upper() if isinstance(p, str) else str(p.value).upper() for p in template)

name = "pico"
temp = 21.456
pins = [1, 2]
width = 8
print(render(t"board={name!r} temp={temp:.1f}C pins={pins}"))
print(render(t"[{name:>{width}}] [{name:<{width}}] [{name:^{width}}]"))
print(render(t"{temp=}"))
print(render(t"{temp=:.2f}"))
print(render(t"{255:#x} {255:08b} {3:+d}"))
print(shout(t"hello {name} at {temp}"))
print(render(t"{{literal}} {name}"))
