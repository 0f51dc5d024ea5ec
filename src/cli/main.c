#include <stdio.h>
#include "netra/error.h"
int main(void)
{
    puts("netra");
    return 0;
}
