"""What scripts/shrink-sdk needs to know of an artifact's jars, without unzip.

  python3 jar_facts.py services LIB_DIR   the jars holding SDK service modules' classes
  python3 jar_facts.py keeps JAR          a ProGuard -keep for each class the jar names in
                                          META-INF/services/* or an execution.interceptors
                                          file: the SDK and Jackson load those by name
"""
import os
import re
import sys
import zipfile

SERVICE_CLASS = re.compile(r"software/amazon/awssdk/services/.+\.class")
BY_NAME = re.compile(r"META-INF/services/[^/]+|(.+/)?execution\.interceptors")


def services(lib):
    for name in sorted(os.listdir(lib)):
        if name.endswith(".jar"):
            with zipfile.ZipFile(os.path.join(lib, name)) as jar:
                if any(SERVICE_CLASS.fullmatch(entry) for entry in jar.namelist()):
                    print(name)


def keeps(path):
    with zipfile.ZipFile(path) as jar:
        for entry in jar.namelist():
            if BY_NAME.fullmatch(entry):
                for line in jar.read(entry).decode("utf-8").splitlines():
                    name = line.split("#", 1)[0].strip()
                    if name:
                        print(f"-keep class {name} {{ <init>(); }}")


if __name__ == "__main__":
    commands = {"services": services, "keeps": keeps}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2])
