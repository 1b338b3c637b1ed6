# sys.print_exception writes to streams only: any other object is refused as
# mp_get_stream_raise refuses it
import io
import sys


class Writer:
    def write(self, text):
        print("Writer.write", repr(text))


buf = io.StringIO()
for target in (1, None, Writer(), "text", buf, io.BytesIO()):
    try:
        sys.print_exception(ValueError("bad", 2), target)
        print("written to", type(target).__name__)
    except OSError as e:
        print(type(target).__name__, "OSError", e)
print(repr(buf.getvalue()))
