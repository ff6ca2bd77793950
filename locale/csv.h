/*
 * CSV files for spreadsheet users: export as UTF-8 with a BOM or as
 * GB18030, and import of a list (say, of residents) in either, detected,
 * with a reason for every row that is refused. Pure functions: the
 * caller reads and writes the files.
 */
#ifndef LOCALE_CSV_H
#define LOCALE_CSV_H

#include <stddef.h>

enum csv_charset {
	CSV_UTF8,		/* written with a byte order mark */
	CSV_GB18030
};

/* Returns the bytes of a CSV file holding nrows rows of ncols UTF-8
 * cells (row-major): CRLF line ends, RFC 4180 quoting, long numbers
 * written as ="…" so that a spreadsheet keeps every digit, and cells
 * that would start a formula prefixed with '. The caller frees the
 * result; NULL and *cause when a cell is not UTF-8. */
char	*csv_export(const char *const *cells, size_t nrows, size_t ncols,
	    enum csv_charset, size_t *outlen, char **cause);

/* A column that an import looks for, by any of its header names. */
struct csv_column {
	const char	*key;
	const char	*names[4];	/* header texts; NULL-terminated */
	int		 required;	/* the header and every row need it */
	int		 unique;	/* no two rows with the same value */
	/* NULL if value is acceptable, else a msgid saying why not. */
	const char	*(*check)(const char *value);
};

struct csv_reject {
	size_t		 line;		/* where the row starts, from 1 */
	char		*reason;	/* translated */
};

struct csv_import {
	enum csv_charset	 charset;	/* as detected */
	size_t			 ncols;		/* as asked for */
	size_t			 nrows;
	char			**values;	/* nrows * ncols, column order */
	size_t			*lines;		/* each row's line */
	size_t			 nrejects;
	struct csv_reject	*rejects;
};

/* Reads a CSV file's bytes: UTF-8 (with or without a BOM) or GB18030,
 * the first non-empty row its header. Returns NULL with *cause when the
 * file as a whole cannot be read (no header, a required column
 * missing); otherwise the accepted rows and the refused ones. */
struct csv_import	*csv_import(const char *buf, size_t len,
			    const struct csv_column *, size_t ncols,
			    char **cause);
void			 csv_import_free(struct csv_import *);

#endif
