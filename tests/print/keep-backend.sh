#!/bin/sh
# A CUPS backend for the print tests: keeps each job's document in
# @BASE@/NAME/job-ID.bin for device keep://NAME. See with-cupsd.sh.
if [ $# -eq 0 ]; then
	echo 'direct keep "Unknown" "bianmin test printer"'
	exit 0
fi
name=${DEVICE_URI#keep://}
dir=@BASE@/$name
if [ -e "@BASE@/$name.media-empty" ]; then
	echo "STATE: +media-empty-error" >&2
	echo "ERROR: out of paper" >&2
	while [ -e "@BASE@/$name.media-empty" ]; do
		sleep 0.2
	done
	echo "STATE: -media-empty-error" >&2
fi
if [ -e "@BASE@/$name.fail" ]; then
	echo "ERROR: the print head jammed" >&2
	exit 1
fi
if [ $# -ge 6 ]; then
	cat "$6" >"$dir/job-$1.tmp"
else
	cat >"$dir/job-$1.tmp"
fi
mv "$dir/job-$1.tmp" "$dir/job-$1.bin"
echo "INFO: kept job $1" >&2
exit 0
