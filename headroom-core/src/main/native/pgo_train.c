/*
 * Training driver of the profile-guided build (build.sh): parses files the way the JNI glue does
 * (h4j_parse_flat, then h4j_kept_free), so gcc learns which branches of the runtime and the grammars are hot.
 *
 * Usage: pgo_train <rounds> <file>... (the language comes from the file's extension). With rounds < 0 it
 * parses each file for -rounds milliseconds of CPU time and prints the CPU time per parse (a parse-only
 * benchmark of the library). Exit status 0 when every file parsed.
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

static double cpu_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    int failed = 0;
    for (int f = 2; f < argc; f++) {
        const TSLanguage *l = h4j_language(language_of(argv[f]));
        FILE *in = fopen(argv[f], "rb");
        if (l == NULL || in == NULL) {
            fprintf(stderr, "cannot parse %s\n", argv[f]);
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
        double start = cpu_ms();
        long parses = 0;
        for (;;) {
            Kept *k = NULL;
            if (h4j_parse_flat(l, text, (uint32_t) length, NULL, 0, &k) != 0) {
                failed = 1;
                break;
            }
            h4j_kept_free(k);
            parses++;
            if (rounds >= 0 ? parses >= rounds : cpu_ms() - start >= -rounds) {
                break;
            }
        }
        if (rounds < 0) {
            printf("%-45s %8.1f KB %8.3f ms\n", strrchr(argv[f], '/') ? strrchr(argv[f], '/') + 1 : argv[f],
                   length / 1024.0, (cpu_ms() - start) / parses);
        }
        free(text);
    }
    return failed;
}
