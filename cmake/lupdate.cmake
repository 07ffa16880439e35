# Runs lupdate over every folder with translatable sources, writing TS_FILE. The
# update_translations target and the translations test both call this, so they agree exactly.
# PLURAL_ONLY=ON keeps only the messages with plural forms (%n): what English, the source
# language, needs a translation file for.
#   cmake -DLUPDATE=<lupdate> -DSOURCE_DIR=<tree> -DTS_FILE=<file.ts> [-DPLURAL_ONLY=ON] -P lupdate.cmake
set(folders "")
foreach(folder models ui app sandbox)
    if(IS_DIRECTORY "${SOURCE_DIR}/${folder}")
        list(APPEND folders "${SOURCE_DIR}/${folder}")
    endif()
endforeach()
set(extra "")
if(PLURAL_ONLY)
    set(extra -pluralonly -source-language en -target-language en)
endif()
execute_process(
    COMMAND "${LUPDATE}" -silent -no-obsolete -locations none -extensions cpp,h ${extra} ${folders} -ts "${TS_FILE}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${result})")
endif()
