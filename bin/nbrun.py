"""Executes notebooks headless with nbclient; used by bin/run-notebooks (run by Debian's /usr/bin/python3).

For each notebook: start the kernel (startup timeout, retried: rapaio 3.0.1 fails about one cold
start in three), run every cell with cwd = the notebook's folder, write the executed copy to the
output folder (never over the source), and print its time and its outputs counted by MIME type.
A notebook fails on an error output or a Java stack trace on stderr; warnings on stderr are fine.
Exit status 1 when any notebook failed.
"""
import argparse
import collections
import os
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

# "java.lang.IllegalStateException: ..." followed by "\tat pkg.Class.method(File.java:12)"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STACK_TRACE = re.compile(r"(Exception|Error)\b[^\n]*\n(\s*Caused by:[^\n]*\n)?\s+at [\w$.<>/]+\(")


def start_kernel(client, retries, log, kernel_log):
    """Starts the kernel (its own log lines go to kernel_log), retrying on a startup timeout;
    returns the number of attempts."""
    for attempt in range(1, retries + 2):
        client.km = client.create_kernel_manager()
        try:
            client.start_new_kernel(stdout=kernel_log, stderr=kernel_log)
            client.start_new_kernel_client()
            return attempt
        except Exception as e:  # noqa: BLE001 - any start failure is retried the same way
            log(f"  kernel start {attempt} failed: {str(e).strip()[:160]}")
            try:
                if client.km is not None:
                    client._cleanup_kernel()
            except Exception:  # noqa: BLE001
                pass
            client.km = None
            client.kc = None
    raise RuntimeError(f"kernel did not start after {retries + 1} attempts; check `jupyter kernelspec list` "
                       f"and run bin/install-kernel")


def count_outputs(nb):
    counts = collections.Counter()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                counts["stream:" + out.get("name", "?")] += 1
            elif kind == "error":
                counts["error"] += 1
            else:
                for mime in out.get("data", {}):
                    counts[mime] += 1
    return counts


def problems(nb):
    """Error outputs and Java stack traces on stderr, as short strings."""
    found = []
    for i, cell in enumerate(nb.cells):
        stderr = ""  # kernels send stderr in many small pieces: check the cell's stderr as a whole
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                # rapaio names every error EvalException; its traceback's first line has the Java exception
                tb = [ANSI.sub("", line).strip() for line in out.get("traceback", [])]
                what = tb[0] if tb and tb[0] else f"{out.get('ename', '')}: {out.get('evalue', '')}"
                found.append(f"cell {i}: {what[:200]}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                stderr += out.get("text", "")
        if STACK_TRACE.search(stderr):
            first = next((l for l in stderr.splitlines() if "Exception" in l or "Error" in l), stderr[:200])
            found.append(f"cell {i}: stack trace on stderr: {first.strip()[:200]}")
    return found


def write_atomic(nb, path):
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".ipynb.tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the copy ordinary permissions
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def run(path, args, log):
    nb = nbformat.read(path, as_version=4)
    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name") or "java"
    client = NotebookClient(nb, kernel_name=kernel, timeout=args.cell_timeout if args.cell_timeout > 0 else None,
                            startup_timeout=args.startup_timeout,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.monotonic()
    failure = None
    attempts = 0
    os.makedirs(args.out, exist_ok=True)
    log_path = os.path.join(args.out, os.path.splitext(os.path.basename(path))[0] + ".kernel.log")
    kernel_log = open(log_path, "w", encoding="utf-8")
    try:
        attempts = start_kernel(client, args.retries, log, kernel_log)
        client.execute()
    except CellTimeoutError as e:
        failure = f"cell timed out after {args.cell_timeout} s: {str(e).splitlines()[0][:200]}"
    except CellExecutionError as e:
        failure = "error: " + next((l for l in str(e).splitlines() if l.strip()), "")[:300]
    except Exception as e:  # noqa: BLE001 - report and go on to the next notebook
        failure = f"{type(e).__name__}: {str(e)[:300]}"
    finally:
        try:
            if client.km is not None:
                client._cleanup_kernel()
        except Exception:  # noqa: BLE001
            pass
        kernel_log.close()
    seconds = time.monotonic() - started
    found = problems(nb)
    if found and (failure is None or failure.startswith("error: ")):
        failure = found[0]  # the error output names the exception better than nbclient's message
    out_path = os.path.join(args.out, os.path.basename(path))
    write_atomic(nb, out_path)
    counts = count_outputs(nb)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no outputs"
    status = "ok" if failure is None else "FAILED"
    retry_note = f" (kernel started on attempt {attempts})" if attempts > 1 else ""
    log(f"{os.path.basename(path)}: {status} in {seconds:.1f} s{retry_note}; outputs: {summary}")
    if failure is not None:
        log(f"  {failure}")
        for extra in found[1:5]:
            log(f"  {extra}")
        log(f"  executed copy: {out_path}; kernel log: {log_path}")
    return failure is None


def check_kernelspec(name):
    """Fails fast, with the fix, when a kernelspec launches a jar that is not there (another checkout's
    bin/install-kernel rewrote the user-wide spec, or build/ was cleaned): else every start just dies."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return None
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return f"no Jupyter kernel named '{name}' is installed; run bin/install-kernel"
    argv = spec.argv
    for i, a in enumerate(argv[:-1]):
        if a == "-jar" and not os.path.isfile(argv[i + 1]):
            return (f"kernel '{name}' ({spec.resource_dir}) starts {argv[i + 1]}, which does not exist; "
                    "run bin/install-kernel from this checkout")
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--out", required=True, help="folder for the executed copies")
    p.add_argument("--kernel", default=None, help="kernelspec name (default: the notebook's, else java)")
    p.add_argument("--startup-timeout", type=int, default=30)
    p.add_argument("--retries", type=int, default=8, help="kernel start retries after the first attempt")
    p.add_argument("--cell-timeout", type=int, default=900)  # 0 = no limit (full mode)
    args = p.parse_args()

    def log(msg):
        print(msg, flush=True)

    problem = check_kernelspec(args.kernel or "java")
    if problem:
        log(f"run-notebooks: {problem}")
        return 1
    passed = failed = 0
    for path in args.notebooks:
        if run(path, args, log):
            passed += 1
        else:
            failed += 1
    print(f"notebooks: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
