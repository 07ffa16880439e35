# Strict build settings shared by every Fluxdeck target.

option(FLUXDECK_WERROR "Treat compiler warnings as errors (the ci and asan presets turn this on)" OFF)

function(fluxdeck_strict target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY
        QT_NO_CONTEXTLESS_CONNECT
        QT_USE_QSTRINGBUILDER
        QT_NO_KEYWORDS
        QT_NO_FOREACH)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE
            -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
            -Woverloaded-virtual -Wcast-align -Wimplicit-fallthrough -Wformat=2)
        if(FLUXDECK_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    elseif(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- $<$<BOOL:${FLUXDECK_WERROR}>:/WX>)
    endif()
endfunction()

# A layer library: STATIC, strict, its folder as the public include root.
function(fluxdeck_add_layer target)
    add_library(${target} STATIC ${ARGN})
    fluxdeck_strict(${target})
    target_include_directories(${target} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
endfunction()
