/*
 * Training driver of the profile-guided build (build.sh): parses files the way the JNI glue does
 * (h4j_parse_flat, then h4j_kept_free), so gcc learns which branches of the runtime and the grammars are hot.
 (Training on ranged parses as well, the compressor's usual call, with ranges taken from each fixture's own
 * tree, was measured in session 6: no faster, so the training is full parses.)
 *
 * Usage: pgo_train <rounds> <file>... (the language comes from the file's extension). With rounds < 0 it
 * parses each file for -rounds milliseconds of CPU time and prints the CPU time per parse (a parse-only
 * benchmark of the library). A file given as path@ranges is also parsed within the included ranges read from
 * the second file (six integers per range as NativeTreeSitter passes them: start byte, end byte, start row,
 * start column, end row, end column), and both times are printed. Exit status 0 when every file parsed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tree_sitter/api.h"

/* From headroom4j_treesitter.c, linked in as the same object the library is linked from. */
typedef struct Kept Kept;
const TSLanguage *h4j_language(int id);
int h4j_parse_flat(const TSLanguage *l, const char *text, uint32_t length, const TSRange *ranges, uint32_t n,
                   Kept **out);
void h4j_kept_free(Kept *k);

static int language_of(const char *path) {
    const char *dot = strrchr(path, '.');
    static const char *const ext[] = {"py", "js", "ts", "go", "rs", "java", "c", "cc"};
    for (int i = 0; dot != NULL && i < 8; i++) {
        if (strcmp(dot + 1, ext[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* Ranges read from a file of six integers per range (start byte, end byte, start row and column, end row and column). */
static uint32_t read_ranges(const char *path, TSRange **out) {
    FILE *in = fopen(path, "r");
    uint32_t n = 0, cap = 16;
    *out = malloc(cap * sizeof(TSRange));
    long v[6];
    while (in != NULL && *out != NULL
           && fscanf(in, "%ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) == 6) {
        if (n == cap) {
            cap *= 2;
            *out = realloc(*out, cap * sizeof(TSRange));
            if (*out == NULL) {
                break;
            }
        }
        (*out)[n++] = (TSRange) {{(uint32_t) v[2], (uint32_t) v[3]}, {(uint32_t) v[4], (uint32_t) v[5]},
                                 (uint32_t) v[0], (uint32_t) v[1]};
    }
    if (in != NULL) {
        fclose(in);
    }
    return *out == NULL ? 0 : n;
}

static double cpu_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Parses text (ranges: none when n is 0) rounds times, or for -rounds ms of CPU; the ms per parse, or < 0 on failure. */
static double parse_rounds(const TSLanguage *l, const char *text, uint32_t length, const TSRange *ranges, uint32_t n,
                           int rounds) {
    double start = cpu_ms();
    long parses = 0;
    while (rounds >= 0 ? parses < rounds : cpu_ms() - start < -rounds) {
        Kept *k = NULL;
        if (h4j_parse_flat(l, text, length, n > 0 ? ranges : NULL, n, &k) != 0) {
            return -1;
        }
        h4j_kept_free(k);
        parses++;
    }
    return parses == 0 ? 0 : (cpu_ms() - start) / parses;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    int failed = 0;
    for (int f = 2; f < argc; f++) {
        char *path = argv[f];
        char *at = strchr(path, '@');
        if (at != NULL) {
            *at = '\0';
        }
        const TSLanguage *l = h4j_language(language_of(path));
        FILE *in = fopen(path, "rb");
        if (l == NULL || in == NULL) {
            fprintf(stderr, "cannot parse %s\n", path);
            failed = 1;
            if (in != NULL) {
                fclose(in);
            }
            continue;
        }
        char *text = NULL;
        size_t length = 0;
        char buffer[65536];
        size_t got;
        while ((got = fread(buffer, 1, sizeof buffer, in)) > 0) {
            char *more = realloc(text, length + got);
            if (more == NULL) {
                break;
            }
            text = more;
            memcpy(text + length, buffer, got);
            length += got;
        }
        fclose(in);
        TSRange *ranges = NULL;
        uint32_t n = at != NULL ? read_ranges(at + 1, &ranges) : 0;
        double ranged = n > 0 ? parse_rounds(l, text, (uint32_t) length, ranges, n, rounds) : 0;
        double full = parse_rounds(l, text, (uint32_t) length, NULL, 0, rounds);
        if (ranged < 0 || full < 0) {
            failed = 1;
        }
        if (rounds < 0) {
            printf("%-45s %8.1f KB full %8.3f ms, ranged %8.3f ms (%u ranges)\n",
                   strrchr(path, '/') ? strrchr(path, '/') + 1 : path, length / 1024.0, full, ranged, n);
        }
        free(ranges);
        free(text);
    }
    return failed;
}
