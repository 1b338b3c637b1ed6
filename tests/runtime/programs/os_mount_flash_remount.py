# The built-in file system can be unmounted from / and mounted again; while nothing is at /,
# paths lead nowhere, and another file system can take its place.
import os

flash = [fs for fs, point in os.mount() if point == "/"][0]
with open("/remount_data.txt", "w") as f:
    f.write("still here")

os.umount("/")
print(os.mount(), os.listdir("/"), os.listdir(), os.getcwd())
print(tuple(os.stat("/")))
for attempt in (lambda: open("/remount_data.txt"), lambda: os.stat("/remount_data.txt"),
                lambda: os.listdir("/lib"), lambda: os.mkdir("/x"), lambda: os.remove("/"),
                lambda: os.chdir("/nothing"), lambda: os.umount("/")):
    try:
        attempt()
    except OSError as e:
        print("OSError", e.errno)
print(os.statvfs("/")[0], os.statvfs("/")[-1] > 0)


class Tiny:
    def mount(self, readonly, mkfs):
        print("tiny mounted", readonly, mkfs)

    def umount(self):
        print("tiny unmounted")

    def ilistdir(self, path):
        print("tiny ilistdir", path)
        return iter([("only_file", 0x8000, 0, 1)])

    def stat(self, path):
        print("tiny stat", path)
        return (0x8000, 0, 0, 0, 0, 0, 1, 0, 0, 0)

    def chdir(self, path):
        print("tiny chdir", path)

    def getcwd(self):
        return "/"

    def statvfs(self, path):
        print("tiny statvfs", path)
        return (1, 1, 1, 1, 1, 0, 0, 0, 0, 8)


tiny = Tiny()
os.mount(tiny, "/")
print(os.listdir("/"), os.listdir())
print(os.stat("/anything")[6], os.stat("relative")[6])
print(os.statvfs("/")[-1])
os.chdir("/")
# "/" itself never counts as a mount point in use: the flash goes in front of the other
os.mount(flash, "/")
print([type(fs) is Tiny for fs, _ in os.mount()])
print("remount_data.txt" in os.listdir("/"))
os.umount(tiny)
print([point for _, point in os.mount()])
print(open("/remount_data.txt").read())
os.chdir("/")
print(os.getcwd(), "remount_data.txt" in os.listdir())
os.remove("/remount_data.txt")
