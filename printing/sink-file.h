/* The file sink (sink-file.c): a document written durably into the
 * prints folder (the demo, and a printer not configured). Blocks: the
 * client calls it in a child process. */
#ifndef PRINTING_SINK_FILE_H
#define PRINTING_SINK_FILE_H

#include <stddef.h>

/* Writes data durably to dir/name (temp file, fsync, rename). Returns 0
 * and the new path in *path, or -1 with *cause. */
int	sink_file_write(const char *dir, const char *name, const void *,
	    size_t, char **path, char **cause);
/* Makes dir and its parents (0700). -1 with *cause. */
int	sink_mkdirs(const char *dir, char **cause);

#endif
