#!/usr/bin/env python3
"""Starts the Java kernel and makes sure it answers, restarting it on the same ports if it does not.

rapaio-jupyter-kernel 3.0.x fails to start about one time in five (a race in its channel threads:
the process runs but never answers). This launcher, the kernelspec's argv, starts the kernel, asks
it for kernel_info on its own connection file (shell reply plus the IOPub status of that request),
and if no answer comes within the probe time kills it and starts it again with the same connection
file, so Jupyter, nbclient or VS Code see one kernel that answers. Then it stays as the kernel's
parent: it passes SIGTERM/SIGINT/SIGHUP on and exits with the kernel's exit code.

Usage (kernel.json argv): kernel-launcher.py {connection_file} -- java ... {connection_file}
Settings: DSVDD_KERNEL_PROBE_S (seconds per start, default 3), DSVDD_KERNEL_STARTS (default 6).
"""
import os
import signal
import subprocess
import sys
import time


def answers(connection_file, timeout):
    """True when the kernel replies to kernel_info on shell and reports that request's status on IOPub."""
    from jupyter_client import BlockingKernelClient
    kc = BlockingKernelClient(connection_file=connection_file)
    kc.load_connection_file()
    kc.start_channels(hb=False)
    try:
        end = time.monotonic() + timeout
        time.sleep(0.2)  # give the SUB socket a moment to connect before the request's status is published
        msg_id = kc.kernel_info()
        got_reply = got_status = False
        while time.monotonic() < end and not (got_reply and got_status):
            left = max(0.01, end - time.monotonic())
            if not got_reply:
                try:
                    m = kc.get_shell_msg(timeout=min(left, 0.1))
                    got_reply = m["parent_header"].get("msg_id") == msg_id
                except Exception:
                    pass
            if not got_status:
                try:
                    m = kc.get_iopub_msg(timeout=min(left, 0.1))
                    got_status = m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                except Exception:
                    pass
        return got_reply and got_status
    finally:
        kc.stop_channels()


def main():
    if "--" not in sys.argv or sys.argv.index("--") < 2:
        sys.exit("kernel-launcher: usage: kernel-launcher.py CONNECTION_FILE -- KERNEL_COMMAND...")
    connection_file = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    probe = float(os.environ.get("DSVDD_KERNEL_PROBE_S", "3"))
    starts = int(os.environ.get("DSVDD_KERNEL_STARTS", "6"))
    child = None

    def pass_on(signum, _frame):
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, pass_on)
    for attempt in range(1, starts + 1):
        child = subprocess.Popen(cmd)
        if answers(connection_file, probe):
            if attempt > 1:
                print(f"kernel-launcher: the kernel answered on start {attempt}", file=sys.stderr, flush=True)
            break
        print(f"kernel-launcher: start {attempt} did not answer within {probe:g} s; starting it again",
              file=sys.stderr, flush=True)
        if child.poll() is None:
            child.kill()
        child.wait()
    else:
        sys.exit(f"kernel-launcher: the kernel did not answer in {starts} starts of {probe:g} s each; "
                 f"run the kernel command by hand to see why: {' '.join(cmd)}")
    while True:
        try:
            sys.exit(child.wait())
        except InterruptedError:
            continue


if __name__ == "__main__":
    main()
