"""The peak memory of a child Python process, as the child itself sees it.

Linux keeps ``ru_maxrss`` across ``exec``: a child started by a large pytest process reports at
least the parent's peak (measured: a child of a 700 MB parent reported 713 MB, its own peak
being 13 MB). ``VmHWM`` in ``/proc/self/status`` belongs to the child's own address space.
"""

PRINT_PEAK_KIB = (
    "print(next(int(line.split()[1]) for line in open('/proc/self/status')"
    " if line.startswith('VmHWM:')))\n"
)
