/* ProcessPrng for Wine 8 (Debian 12), which has no bcryptprimitives.dll. Rust's standard library
 * (1.78+) takes its random bytes from ProcessPrng; newer Wine versions and every Windows 10/11
 * ship the real DLL, so this shim exists only in the test prefix that windows-tests.sh makes.
 * It answers from RtlGenRandom (advapi32!SystemFunction036), the OS's cryptographic generator. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
