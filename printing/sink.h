/*
 * Sinks that are not CUPS: a file in the prints folder (the demo, and a
 * printer not configured), a raw TCP printer (port 9100) and a device file
 * (/dev/usb/lp0). All block; the client calls them in a child process.
 */
#ifndef PRINTING_SINK_H
#define PRINTING_SINK_H

#include <stddef.h>

/* Writes data durably to dir/name (temp file, fsync, rename). Returns 0
 * and the new path in *path, or -1 with *cause. */
int	sink_file_write(const char *dir, const char *name, const void *,
	    size_t, char **path, char **cause);
/* Sends data to host:port (default port 9100). *sent tells whether any
 * byte left, so that a failure part way is known. -1 with *cause. */
int	sink_tcp_write(const char *hostport, const void *, size_t, int *sent,
	    char **cause);
/* Writes data to a printer device file. -1 with *cause. */
int	sink_device_write(const char *path, const void *, size_t, int *sent,
	    char **cause);
/* Makes dir and its parents (0700). -1 with *cause. */
int	sink_mkdirs(const char *dir, char **cause);

#endif
