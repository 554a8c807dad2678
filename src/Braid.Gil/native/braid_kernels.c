/* Braid's native kernels: a CPU-heavy Mandelbrot tile, run from .NET through P/Invoke.
 *
 * Built by src/Braid.Gil/Braid.Gil.csproj with the system C compiler:
 *   cc -O2 -ffp-contract=off -shared -fPIC -pthread -o libbraidkernels.so braid_kernels.c
 * -ffp-contract=off keeps every multiply and add separate (no fused multiply-add), so the C kernel computes the
 * same iteration counts, bit for bit, as the C# kernels in MandelbrotKernels.cs.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

/* The escape-time count of one point: how many steps z -> z*z + c stay inside |z| <= 2, at most max_iter. */
static int32_t escape(double cr, double ci, int32_t max_iter)
{
    double zr = 0.0, zi = 0.0;
    int32_t i = 0;
    for (; i < max_iter; i++) {
        double zr2 = zr * zr;
        double zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) break;
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
    }
    return i;
}

/* Rows [row0, row1) of a width x height tile of the plane [x0, x0 + dx*width) x [y0, y0 + dy*height),
 * written to out[row * width + col]. Returns the sum of the counts (a cheap check that work was done). */
int64_t braid_mandelbrot_rows(double x0, double y0, double dx, double dy, int32_t width, int32_t height,
                              int32_t row0, int32_t row1, int32_t max_iter, int32_t *out)
{
    int64_t sum = 0;
    if (row0 < 0) row0 = 0;
    if (row1 > height) row1 = height;
    for (int32_t row = row0; row < row1; row++) {
        double ci = y0 + dy * row;
        for (int32_t col = 0; col < width; col++) {
            int32_t n = escape(x0 + dx * col, ci, max_iter);
            out[(int64_t)row * width + col] = n;
            sum += n;
        }
    }
    return sum;
}

struct band {
    double x0, y0, dx, dy;
    int32_t width, height, max_iter, threads, index;
    int32_t *out;
    int64_t sum;
};

/* Rows are dealt round-robin (row = index, index + threads, ...) so that every thread gets its share of the
 * expensive rows through the middle of the set. */
static void *run_band(void *arg)
{
    struct band *b = arg;
    b->sum = 0;
    for (int32_t row = b->index; row < b->height; row += b->threads)
        b->sum += braid_mandelbrot_rows(b->x0, b->y0, b->dx, b->dy, b->width, b->height, row, row + 1, b->max_iter, b->out);
    return NULL;
}

/* The whole tile on `threads` POSIX threads of the kernel's own. Returns the sum of the counts, or -1 when a
 * thread could not be created. */
int64_t braid_mandelbrot_pthreads(double x0, double y0, double dx, double dy, int32_t width, int32_t height,
                                  int32_t max_iter, int32_t threads, int32_t *out)
{
    if (threads < 1) threads = 1;
    struct band *bands = calloc((size_t)threads, sizeof *bands);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    if (!bands || !ids) { free(bands); free(ids); return -1; }
    int32_t started = 0;
    int failed = 0;
    for (int32_t t = 0; t < threads; t++) {
        bands[t] = (struct band){ x0, y0, dx, dy, width, height, max_iter, threads, t, out, 0 };
        if (pthread_create(&ids[t], NULL, run_band, &bands[t]) != 0) { failed = 1; break; }
        started++;
    }
    int64_t sum = 0;
    for (int32_t t = 0; t < started; t++) {
        pthread_join(ids[t], NULL);
        sum += bands[t].sum;
    }
    free(bands);
    free(ids);
    return failed ? -1 : sum;
}
