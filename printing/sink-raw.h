/* Raw sinks (sink-raw.c): a TCP printer (port 9100) and a device file
 * (/dev/usb/lp0). Both block: the client calls them in a child
 * process. */
#ifndef PRINTING_SINK_RAW_H
#define PRINTING_SINK_RAW_H

#include <stddef.h>

/* Sends data to host:port (default port 9100). *sent tells whether any
 * byte left, so that a failure part way is known. -1 with *cause. */
int	sink_tcp_write(const char *hostport, const void *, size_t, int *sent,
	    char **cause);
/* Writes data to a printer device file. -1 with *cause. */
int	sink_device_write(const char *path, const void *, size_t, int *sent,
	    char **cause);

#endif
