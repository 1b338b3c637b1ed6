# cryptolib.aes's errors: arguments, key and IV sizes, block sizes, output size, direction
import cryptolib

key = bytes(16)


def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("no args", cryptolib.aes)
attempt("one arg", cryptolib.aes, key)
attempt("four args", cryptolib.aes, key, 1, bytes(16), 0)
attempt("mode 0", cryptolib.aes, key, 0)
attempt("mode 3", cryptolib.aes, key, 3)
attempt("mode CTR", cryptolib.aes, key, 6, bytes(16))
attempt("mode str", cryptolib.aes, key, "1")
attempt("mode float", cryptolib.aes, key, 1.0)
attempt("key 15", cryptolib.aes, bytes(15), 1)
attempt("key 24", cryptolib.aes, bytes(24), 1)
attempt("key int", cryptolib.aes, 16, 1)
attempt("bad mode and key", cryptolib.aes, bytes(3), 5)
attempt("cbc no iv", cryptolib.aes, key, 2)
attempt("cbc iv None", cryptolib.aes, key, 2, None)
attempt("cbc iv 15", cryptolib.aes, key, 2, bytes(15))
attempt("ecb iv 15", cryptolib.aes, key, 1, bytes(15))
attempt("iv int", cryptolib.aes, key, 2, 5)

e = cryptolib.aes(key, 1)
attempt("enc no args", e.encrypt)
attempt("enc 3 args", e.encrypt, bytes(16), bytearray(16), 1)
attempt("enc 15", e.encrypt, bytes(15))
attempt("enc 17", e.encrypt, bytes(17))
attempt("enc int", e.encrypt, 16)
attempt("out small", e.encrypt, bytes(32), bytearray(31))
attempt("out bytes", e.encrypt, bytes(16), bytes(16))
attempt("first enc", e.encrypt, bytes(16))
attempt("then dec", e.decrypt, bytes(16))
d = cryptolib.aes(key, 2, bytes(16))
attempt("bad size first", d.decrypt, bytes(5))
attempt("dec", d.decrypt, bytes(16))
attempt("then enc", d.encrypt, bytes(16))
# a failed call does not fix the direction
f = cryptolib.aes(key, 1)
attempt("bad size", f.encrypt, bytes(3))
attempt("dec after", f.decrypt, bytes(16))
attempt("enc after", f.encrypt, bytes(16))
attempt("no attr", getattr, cryptolib, "MODE_ECB")
