/* Parsing typed values: dates, whole numbers and money in fen (never
 * floating point), postal codes and phone numbers. */
#ifndef FORMS_VALUE_H
#define FORMS_VALUE_H

/* "2024-01-01" or "20240101" into YYYY-MM-DD (out[11]); -1 if it is not
 * a real date. */
int	value_date(const char *s, char *out);
/* A whole number ("-12", "300"); -1 if not one or out of range. */
int	value_number(const char *s, long long *out);
/* Yuan as typed ("12", "12.5", "12.50") into fen; -1 if malformed,
 * negative or more than two decimals. */
int	value_money(const char *s, long long *fen);
/* Fen as yuan text "12.50" into out[32]. */
void	value_money_text(long long fen, char *out);
int	value_postal_code(const char *s);
/* A mainland mobile, or a landline with area code (hyphen optional). */
int	value_phone(const char *s);

#endif
