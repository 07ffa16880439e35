# Fails when a Spanish message is unfinished, or when lupdate over today's sources would add
# or drop a message (someone added a string without running update_translations).
#   cmake -DLUPDATE=... -DTS_FILE=... -DSOURCE_DIR=... -DWORK_DIR=... -P check-translations.cmake

function(count_matches file regex out)
    file(READ "${file}" text)
    string(REGEX MATCHALL "${regex}" found "${text}")
    list(LENGTH found n)
    set(${out} ${n} PARENT_SCOPE)
endfunction()

function(list_unfinished file out)
    file(READ "${file}" text)
    # Decode the entities first: their ';' would split CMake lists.
    foreach(pair "&apos\\;|'" "&quot\\;|\"" "&lt\\;|<" "&gt\\;|>" "&amp\\;|&")
        string(REPLACE "|" ";" pair "${pair}")
        list(GET pair 0 entity)
        list(GET pair 1 character)
        string(REPLACE "${entity}" "${character}" text "${text}")
    endforeach()
    string(REGEX REPLACE "<source>([^<]*)</source>[^<]*(<comment>[^<]*</comment>[^<]*)?<translation type=\"unfinished\""
           "\n  \"\\1\"" text "${text}")
    string(REGEX MATCHALL "\n  \"[^\n]*\"" lines "${text}")
    string(REPLACE ";" "" joined "${lines}")
    set(${out} "${joined}" PARENT_SCOPE)
endfunction()

count_matches("${TS_FILE}" "type=\"unfinished\"" unfinished)
if(unfinished GREATER 0)
    list_unfinished("${TS_FILE}" which)
    message(FATAL_ERROR "${TS_FILE} has ${unfinished} unfinished messages:\n  ${which}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(name "${TS_FILE}" NAME)
set(copy "${WORK_DIR}/${name}")
file(COPY_FILE "${TS_FILE}" "${copy}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DLUPDATE=${LUPDATE} -DSOURCE_DIR=${SOURCE_DIR} -DTS_FILE=${copy}
                        -DPLURAL_ONLY=${PLURAL_ONLY} -P "${SOURCE_DIR}/cmake/lupdate.cmake" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed on a copy of ${TS_FILE}")
endif()

count_matches("${TS_FILE}" "<message" before)
count_matches("${copy}" "<message" after)
count_matches("${copy}" "type=\"unfinished\"" added)
if(added GREATER 0)
    list_unfinished("${copy}" which)
    message(FATAL_ERROR "The sources have ${added} messages that ${name} lacks; run the update_translations target "
                        "and translate them:\n  ${which}")
endif()
if(NOT before EQUAL after)
    message(FATAL_ERROR "${name} has ${before} messages but the sources only ${after}; run the update_translations "
                        "target to drop the stale ones")
endif()
message(STATUS "translations: ${before} messages in ${name}, all translated, none missing")
