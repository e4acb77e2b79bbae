"""Second-pass input for scripts/shrink-sdk: the service jars without the request classes of
operations nothing calls.

ProGuard keeps an overriding method in every subclass once the overridden method is used, and
then the subclass with it: the SDK calls toBuilder() on each service's base request class
(Ec2Request, ...), so the first pass keeps every operation's request (919 for EC2) and all the
models they reach. Here an operation's request class (a subclass of the service's base request,
itself a subclass of AwsRequest) is dropped, with its nested classes, unless a class that the
first pass kept uses it: Backstop's code, the SDK runtime, or the service module's own shrunk
client, paginators and interceptors (not the request classes themselves, which name each other
only through their own builders). The second pass then shrinks these jars. Erring on the side
of keeping: anything that looks like a use counts.

Usage: python3 prune_requests.py PASS1_DIR LIB_DIR OUT_DIR JAR...
  PASS1_DIR: the first pass's output jars; LIB_DIR: the artifact's original jars;
  JAR: the file names of the service jars; their pruned copies go to OUT_DIR.
"""
import os
import re
import struct
import sys
import zipfile

AWS_REQUEST = "software/amazon/awssdk/awscore/AwsRequest"
MODEL_NAME = re.compile(r"software/amazon/awssdk/services/[a-z0-9/]+/model/[A-Za-z0-9_$]+")
# Instructions whose operand is a class constant: ldc_w, new, anewarray, checkcast, instanceof,
# multianewarray (ldc, with a one-byte operand, apart).
CLASS_OPERAND = (0x13, 0xBB, 0xBD, 0xC0, 0xC1, 0xC5)


def parse(data):
    """A class file's superclass and the names through which it uses other classes.

    Uses are the descriptors of its own members and of those it refers to, and its class
    constants, except one named only by the InnerClasses attribute: that attribute lists every
    nested class a class file mentions, even in members the shrinker removed (a client's lists
    every operation's request builder), so such a constant counts only where something else
    refers to it (a field or method reference, an instruction, a method's throws clause)."""
    count = struct.unpack_from(">H", data, 8)[0]
    offset, index = 10, 1
    utf8, classes, descriptors, referenced = {}, {}, [], set()
    while index < count:
        tag = data[offset]
        if tag == 1:
            length = struct.unpack_from(">H", data, offset + 1)[0]
            utf8[index] = data[offset + 3:offset + 3 + length].decode("utf-8", "replace")
            offset += 3 + length
        elif tag == 7:
            classes[index] = struct.unpack_from(">H", data, offset + 1)[0]
            offset += 3
        elif tag == 16:
            descriptors.append(struct.unpack_from(">H", data, offset + 1)[0])
            offset += 3
        elif tag in (8, 19, 20):
            offset += 3
        elif tag == 15:
            offset += 4
        elif tag == 12:
            descriptors.append(struct.unpack_from(">H", data, offset + 3)[0])
            offset += 5
        elif tag in (9, 10, 11):
            referenced.add(struct.unpack_from(">H", data, offset + 1)[0])
            offset += 5
        elif tag in (3, 4, 17, 18):
            offset += 5
        elif tag in (5, 6):
            offset += 9
            index += 1
        else:
            raise ValueError(f"unknown constant pool tag {tag}")
        index += 1
    this_index, super_index = struct.unpack_from(">HH", data, offset + 2)
    referenced.update((this_index, super_index))
    interfaces = struct.unpack_from(">H", data, offset + 6)[0]
    referenced.update(struct.unpack_from(f">{interfaces}H", data, offset + 8))
    offset += 8 + 2 * interfaces

    def attributes(offset, visit):
        count = struct.unpack_from(">H", data, offset)[0]
        offset += 2
        for _ in range(count):
            name, length = struct.unpack_from(">HI", data, offset)
            visit(utf8.get(name), data[offset + 6:offset + 6 + length])
            offset += 6 + length
        return offset

    nested = set()

    def member_attribute(name, body):
        if name == "Code":
            code = body[8:8 + struct.unpack_from(">I", body, 4)[0]]
            for at in range(len(code) - 1):
                if code[at] == 0x12:
                    referenced.add(code[at + 1])
                if code[at] in CLASS_OPERAND and at + 2 < len(code):
                    referenced.add(struct.unpack_from(">H", code, at + 1)[0])
        elif name == "Exceptions":
            thrown = struct.unpack_from(">H", body, 0)[0]
            referenced.update(struct.unpack_from(f">{thrown}H", body, 2))

    def class_attribute(name, body):
        if name == "InnerClasses":
            for entry in range(struct.unpack_from(">H", body, 0)[0]):
                inner, outer_class = struct.unpack_from(">HH", body, 2 + 8 * entry)
                nested.update((inner, outer_class))
        elif name == "EnclosingMethod":
            referenced.add(struct.unpack_from(">H", body, 0)[0])

    for _ in range(2):  # fields, then methods
        members = struct.unpack_from(">H", data, offset)[0]
        offset += 2
        for _ in range(members):
            descriptors.append(struct.unpack_from(">H", data, offset + 4)[0])
            offset = attributes(offset + 6, member_attribute)
    attributes(offset, class_attribute)

    uses = [utf8[name] for constant, name in classes.items() if constant not in nested or constant in referenced]
    uses += [utf8[i] for i in descriptors]
    return (utf8[classes[super_index]] if super_index else None), uses


def outer(name):
    return name.split("$", 1)[0]


def main(pass1_dir, lib_dir, out_dir, jars):
    jars = set(jars)
    supers = {}
    for jar in jars:
        with zipfile.ZipFile(os.path.join(lib_dir, jar)) as z:
            for entry in z.namelist():
                if "/model/" in entry and entry.endswith(".class") and "$" not in entry:
                    supers[entry[:-6]] = parse(z.read(entry))[0]
    bases = {name for name, parent in supers.items() if parent == AWS_REQUEST}
    operation_requests = {name for name, parent in supers.items() if parent in bases}

    used = set()
    # What each operation request's own classes use: counted once the request itself is used.
    uses_of_request = {name: set() for name in operation_requests}

    def scan(data, into):
        for name in parse(data)[1]:
            into.update(outer(match) for match in MODEL_NAME.findall(name))

    for jar in os.listdir(lib_dir):
        if jar.endswith(".jar") and jar not in jars:
            with zipfile.ZipFile(os.path.join(lib_dir, jar)) as z:
                for entry in z.namelist():
                    if entry.endswith(".class"):
                        scan(z.read(entry), used)
    for jar in jars:
        with zipfile.ZipFile(os.path.join(pass1_dir, jar)) as z:
            for entry in z.namelist():
                if entry.endswith(".class"):
                    owner = outer(entry[:-6])
                    scan(z.read(entry), uses_of_request[owner] if owner in operation_requests else used)
    pending = list(used & operation_requests)
    while pending:
        for name in uses_of_request[pending.pop()] - used:
            used.add(name)
            if name in operation_requests:
                pending.append(name)

    dropped = operation_requests - used
    for jar in sorted(jars):
        removed = 0
        with zipfile.ZipFile(os.path.join(lib_dir, jar)) as source, \
                zipfile.ZipFile(os.path.join(out_dir, jar), "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename.endswith(".class") and outer(info.filename[:-6]) in dropped:
                    removed += 1
                    continue
                target.writestr(info, source.read(info.filename))
        print(f"shrink-sdk: {jar}: {removed} classes of uncalled operations' requests left out", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
