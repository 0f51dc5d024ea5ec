/*
 * corpus.h - the labelled corpus's texts for tests that run code over real text.
 */
#ifndef NETRA_TEST_CORPUS_H
#define NETRA_TEST_CORPUS_H

#include <stddef.h>

/*
 * Calls fn(s, len, arg) for every non-empty text field of every item of
 * <NETRA_DATA_DIR, default "data">/corpus/<file>, in this order: the text, the target's
 * text, the author's bio, the author's name (only when with_name), the target's author.
 * Lines that are not items are passed over. Fails the running cmocka test when the file
 * cannot be opened. Returns the number of items read.
 */
long corpus_each_text(const char *file, int with_name,
                      void (*fn)(const char *s, size_t len, void *arg), void *arg);

#endif
