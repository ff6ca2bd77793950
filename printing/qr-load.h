/*
 * libqrencode, loaded when a receipt printer that cannot draw a QR code
 * itself first needs one, rather than at exec: with libpthread behind
 * it, two objects that every start of bianmin would map and relocate
 * for a code that most counters never draw here. The calls are typed
 * from <qrencode.h> itself.
 */
#ifndef PRINTING_QR_LOAD_H
#define PRINTING_QR_LOAD_H

#include <qrencode.h>

#define QR_CALLS(X)	X(QRcode_encodeString8bit) X(QRcode_free)

struct qr_calls {
#define QR_CALL_MEMBER(f)	__typeof__(f) *f;
	QR_CALLS(QR_CALL_MEMBER)
#undef QR_CALL_MEMBER
};

/* The calls, loading libqrencode the first time; NULL with *cause (for
 * the clerk) when it is not installed or lacks one of them. */
const struct qr_calls	*qr_calls(char **cause);

#endif
