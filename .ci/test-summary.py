#!/usr/bin/env python3
"""Adds up the Surefire and Failsafe reports of every module under ROOT and prints, as its very
last line, "N passed, N failed, N skipped" (errors count as failed).

Usage: python3 .ci/test-summary.py ROOT [--allow-skip TEST]...

Reads ROOT/**/target/surefire-reports/TEST-*.xml and ROOT/**/target/failsafe-reports/TEST-*.xml
(the attributes tests, failures, errors and skipped of each <testsuite>). Lists every skipped test
with the reason its report gives; a class whose report has no test at all (how Surefire reports a
class skipped by an assumption in @BeforeAll) counts as one skipped test. TEST is a test class (simple or qualified name) or CLASS#METHOD
that may be skipped. Exit code 1 when a test failed, when a test not allowed was skipped, or when
there is no report at all (nothing ran); 0 otherwise.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET


def reports(root):
    found = []
    for kind in ("surefire-reports", "failsafe-reports"):
        found += glob.glob(os.path.join(root, "**", "target", kind, "TEST-*.xml"), recursive=True)
    return sorted(set(found))


def allowed(cls, method, allow):
    for entry in allow:
        want_cls, _, want_method = entry.partition("#")
        if cls == want_cls or cls.endswith("." + want_cls):
            if not want_method or want_method == method:
                return True
    return False


def main(argv):
    args, allow = [], []
    it = iter(argv)
    for a in it:
        if a == "--allow-skip":
            allow.append(next(it, ""))
        elif a.startswith("--allow-skip="):
            allow.append(a.split("=", 1)[1])
        else:
            args.append(a)
    root = args[0] if args else "."
    total = failed = skipped = 0
    not_allowed = []
    files = reports(root)
    for path in files:
        try:
            tree = ET.parse(path).getroot()
        except ET.ParseError as e:
            print(f"test-summary: cannot read {path}: {e}")
            total += 1
            failed += 1
            continue
        suites = [tree] if tree.tag == "testsuite" else tree.findall("testsuite")
        for suite in suites:
            n = lambda k: int(float(suite.get(k, "0") or 0))
            if n("tests") == 0:
                # Surefire 3.5 reports a class whose @BeforeAll assumption failed as tests="0" skipped="0",
                # with no reason: count the class as one skipped test, so that it is seen and judged.
                cls = suite.get("name", "")
                ok = allowed(cls, "", allow)
                print(f"skipped{'' if ok else ' (NOT ALLOWED)'}: {cls}: the whole class (its report has no test: "
                      "an assumption in @BeforeAll, or no test in it)")
                total += 1
                skipped += 1
                if not ok:
                    not_allowed.append(cls)
                continue
            total += n("tests")
            failed += n("failures") + n("errors")
            skipped += n("skipped")
            listed = 0
            for case in suite.iter("testcase"):
                skip = case.find("skipped")
                if skip is None:
                    continue
                listed += 1
                cls = case.get("classname") or suite.get("name", "")
                method = case.get("name", "")
                reason = skip.get("message") or (skip.text or "").strip() or "no reason given"
                ok = allowed(cls, method, allow)
                print(f"skipped{'' if ok else ' (NOT ALLOWED)'}: {cls}#{method}: {reason}")
                if not ok:
                    not_allowed.append(f"{cls}#{method}")
            if n("skipped") > listed:  # skips counted without a <testcase> naming them: judge the class
                cls = suite.get("name", "")
                ok = allowed(cls, "", allow)
                print(f"skipped{'' if ok else ' (NOT ALLOWED)'}: {n('skipped') - listed} test(s) of {cls} (no testcase named)")
                if not ok:
                    not_allowed.append(cls)
    passed = total - failed - skipped
    if not files:
        print(f"test-summary: no TEST-*.xml report under {root}/**/target/{{surefire,failsafe}}-reports: no test ran")
    if not_allowed:
        print(f"test-summary: {len(not_allowed)} skipped test(s) not on the allow-list of .ci/run: " + ", ".join(not_allowed))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not_allowed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
