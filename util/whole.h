/* Whole numbers in JSON's doubles, without libm: floor() was all the
 * client took from it, and libm is 0.9 MB to map at every start. */
#ifndef UTIL_WHOLE_H
#define UTIL_WHOLE_H

/* Whether d is a whole number; d already known to lie within ±2^63
 * (the conversion of a larger one is undefined). */
static inline int
whole(double d)
{
	return (d == (double)(long long)d);
}

#endif
