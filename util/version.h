/* The release, shared by client and server. */
#ifndef BIANMIN_VERSION
#define BIANMIN_VERSION "0.1.0"
#endif
