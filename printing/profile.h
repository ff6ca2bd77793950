/*
 * Receipt printer profiles: Chinese thermal printers differ in paper
 * width and font columns, encoding, how Chinese mode is entered, whether
 * they draw QR codes themselves, and how they cut. Built-in profiles are a
 * table here; a site adds or overrides them in an INI file, one section
 * per profile:
 *
 *	[xprinter-58]
 *	paper = 58		; mm
 *	columns = 32		; 32 (58 mm), 42 or 48 (80 mm)
 *	encoding = GB18030	; GB18030, GBK or GB2312
 *	chinese = fs-and	; fs-and: send FS & first; none: starts in it
 *	qr = native		; native (GS ( k) or raster (GS v 0)
 *	qr_size = 4		; module size in dots, 1-16
 *	cut = partial		; partial, full or none
 *	feed = 4		; lines fed before the cut
 */
#ifndef PRINTING_PROFILE_H
#define PRINTING_PROFILE_H

enum pprofile_cut {
	PCUT_PARTIAL,
	PCUT_FULL,
	PCUT_NONE
};

struct pprofile {
	char			 name[32];
	int			 paper_mm;
	int			 columns;
	char			 encoding[16];
	int			 chinese_fs;	/* send FS & at start */
	int			 qr_native;	/* GS ( k, else raster */
	int			 qr_size;
	enum pprofile_cut	 cut;
	int			 feed;
};

/* A built-in or loaded profile by name; NULL if unknown. */
const struct pprofile	*profile_find(const char *);
/* The built-in default: 80 mm, 48 columns, GB18030, native QR. */
const struct pprofile	*profile_default(void);
/* Built-in and loaded profiles, for the settings screen. */
const struct pprofile	*profile_at(int);
/* Adds the profiles of an INI file (overriding those of the same name).
 * Returns 0, or -1 with *cause naming the file and the line. */
int			 profile_load(const char *path, char **cause);

#endif
