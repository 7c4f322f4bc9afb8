#!/usr/bin/env python3
"""Starts the Java kernel and makes sure it answers, restarting it on the same ports if it does not.

rapaio-jupyter-kernel 3.0.x fails to start about one time in five (a race in its channel threads:
the process runs but never answers). This launcher, the kernelspec's argv, starts the kernel, asks
it for kernel_info on its own connection file (the shell reply),
and if no answer comes within the probe time kills it and starts it again with the same connection
file, so Jupyter, nbclient or VS Code see one kernel that answers. Then it stays as the kernel's
parent: it passes SIGTERM/SIGHUP on and exits with the kernel's exit code.

Interrupts: the kernelspec says interrupt_mode "signal", so Jupyter's stop button sends SIGINT to
this launcher's process group. The kernel runs in a process group of its own (and dies with this
launcher, through PR_SET_PDEATHSIG), so the SIGINT reaches only the launcher, which sends the JVM
SIGURG instead: the lab's handler (deepsvddlab.nn.Interrupts) stops the running training before its
next batch and the cell ends with a message saying where. A JVM without that handler ignores SIGURG,
where SIGINT would end it; rapaio's own interrupt message is not used, because it cancels the cell
without a reply and later cells lose their output.

Usage (kernel.json argv): kernel-launcher.py {connection_file} -- java ... {connection_file}
Settings: DSVDD_KERNEL_PROBE_S (seconds per start at most, default 8; once rapaio logs that its
channels are bound, 0.4 of the time that took, at least 0.5 s: see after_bind), DSVDD_KERNEL_STARTS (default 6).
A kernel whose log shows its shell loop handling any message (a client's request) is never restarted.
"""
import ctypes
import os
import signal
import subprocess
import sys
import threading
import time


def answers(connection_file, started, timeout, alive, bound_at, dead):
    """True when the kernel replies to kernel_info on its shell channel within timeout (the request is
    sent once the kernel has bound its channels, not before: requests queued before that all reach it
    at once, while it sets up its handlers, and can end its shell thread; then again every RESEND
    seconds, since rapaio drops one that arrives before its handlers are set), or as
    soon as the kernel's own log shows its shell loop handling a message (alive()). False at once when
    the log shows the shell thread dead (dead()). Once the kernel has bound its channels (bound_at()
    gives the time; started is when its process was started), a healthy one handles a request within a
    fraction of its boot time: then the wait is cut to after_bind(boot), so a broken start is
    restarted quickly."""
    from jupyter_client import BlockingKernelClient
    kc = BlockingKernelClient(connection_file=connection_file)
    kc.load_connection_file()
    kc.start_channels(hb=False)
    try:
        end = started + timeout
        sent = set()
        next_send = 0.0
        while time.monotonic() < end:
            if bound_at() is not None:
                end = min(end, bound_at() + after_bind(bound_at() - started))
            if alive():
                return True
            if dead():
                return False
            if bound_at() is not None and time.monotonic() >= next_send:
                sent.add(kc.kernel_info())
                next_send = time.monotonic() + RESEND
            try:
                m = kc.get_shell_msg(timeout=0.1)
                if m["parent_header"].get("msg_id") in sent:
                    return True
            except Exception:
                pass
        return alive()
    finally:
        kc.stop_channels()


RESEND = 0.1


def after_bind(boot):
    """Seconds to wait for an answer once the kernel has bound its channels, given how long it took to
    get there (its boot, which grows with the machine's load): 0.4 of the boot, at least 0.5 s. On a
    quiet 2-core machine (boot 1.4 to 1.6 s) a healthy kernel handled its first request 0.12 s after
    binding (median of 50 starts; at most 0.2 s), and the cut is about 0.6 s."""
    return max(0.5, 0.4 * boot)


class KernelLog(threading.Thread):
    """Copies the kernel's stderr to ours and notes when its shell loop handles a message (rapaio logs
    "[ShellChannel]: Handling message: ..."): such a kernel answers, whoever asked; and when its shell
    thread dies (a request that arrives while rapaio sets up its handlers ends that thread with
    'Exception in thread "Shell-0" ... NullPointerException'): such a kernel never answers."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.shell_seen = threading.Event()
        self.shell_dead = threading.Event()
        self.bound = None  # when rapaio logged its last channel binding (stdin)

    def run(self):
        for line in iter(self.stream.readline, b""):
            if b"[ShellChannel]: Handling message" in line:
                self.shell_seen.set()
            elif line.startswith(b'Exception in thread "Shell-'):
                self.shell_dead.set()
            elif b"[StdinChannel]: Binding" in line and self.bound is None:
                self.bound = time.monotonic()
            try:
                sys.stderr.buffer.write(line)
                sys.stderr.buffer.flush()
            except (OSError, ValueError):
                pass  # our stderr is gone: keep draining, or the kernel would block on a full pipe


def own_group_dying_with_us():
    """Runs in the kernel's process before exec: a process group of its own (Jupyter's SIGINT to our
    group must not reach the JVM, whose default is to exit), and SIGKILL when this launcher dies
    (Jupyter's last resort kills our group, which no longer holds the kernel)."""
    os.setpgid(0, 0)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main():
    if "--" not in sys.argv or sys.argv.index("--") < 2:
        sys.exit("kernel-launcher: usage: kernel-launcher.py CONNECTION_FILE -- KERNEL_COMMAND...")
    connection_file = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    probe = float(os.environ.get("DSVDD_KERNEL_PROBE_S", "8"))
    starts = int(os.environ.get("DSVDD_KERNEL_STARTS", "6"))
    child = None

    def pass_on(signum, _frame):
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGURG if signum == signal.SIGINT else signum)

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, pass_on)
    for attempt in range(1, starts + 1):
        started = time.monotonic()
        child = subprocess.Popen(cmd, stderr=subprocess.PIPE, preexec_fn=own_group_dying_with_us)
        log = KernelLog(child.stderr)
        log.start()
        if answers(connection_file, started, probe, log.shell_seen.is_set, lambda: log.bound,
                   log.shell_dead.is_set):
            if attempt > 1:
                print(f"kernel-launcher: the kernel answered on start {attempt}", file=sys.stderr, flush=True)
            break
        print(f"kernel-launcher: start {attempt} did not answer; starting it again",
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
