#!/usr/bin/env bash
# Regenerates the emulator's media set in packages/emulator/media (ffmpeg 5.1 + openssl 3).
# Recipes follow the verified ones in the team notes (engines.md §5.2). Bitrates are low on purpose:
# the whole set is committed and must stay under 5 MB.
#
# Layout produced (paths the catalog relies on):
#   source.mp4, thumbnail.jpg
#   hls-ts/manifest.m3u8, hls-ts/v{0,1}/index.m3u8 + seg_NNN.ts          (2 muxed renditions)
#   hls-fmp4/manifest.m3u8, hls-fmp4/{360p,240p,audio}/index.m3u8 + init_N.mp4 + seg_NNN.m4s (AES-128),
#   hls-fmp4/subs/index.m3u8 + subs.vtt, hls-fmp4/enc.key
set -euo pipefail

OUT="$(cd "$(dirname "$0")/.." && pwd)/media"
DURATION=12
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

rm -rf "$OUT"
mkdir -p "$OUT"
cd "$WORK"

# Shared x264 settings: keyframe every 2 s (fps 30 × hls_time 2) so every segment starts on a keyframe.
X264=(-c:v libx264 -profile:v main -pix_fmt yuv420p -g 60 -keyint_min 60 -sc_threshold 0)

# a) source clip: the progressive mp4 and the input of every HLS set.
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=30:duration=$DURATION" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$DURATION" \
  "${X264[@]}" -b:v 450k -maxrate 500k -bufsize 1000k \
  -c:a aac -b:a 64k -ac 2 -shortest -movflags +faststart "$OUT/source.mp4"

# g) poster thumbnail.
ffmpeg -hide_banner -loglevel error -y -ss 1 -i "$OUT/source.mp4" -frames:v 1 -q:v 5 "$OUT/thumbnail.jpg"

# b) HLS TS, two muxed A/V renditions.
mkdir -p ts
ffmpeg -hide_banner -loglevel error -y -i "$OUT/source.mp4" \
  -filter_complex "[0:v]split=2[a][b];[a]scale=640:360[v0];[b]scale=426:240[v1]" \
  -map "[v0]" -map "[v1]" -map 0:a -map 0:a \
  "${X264[@]}" -b:v:0 400k -b:v:1 150k -c:a aac -b:a 64k -ac 2 \
  -f hls -hls_time 2 -hls_playlist_type vod \
  -hls_segment_filename 'ts/v%v/seg_%03d.ts' \
  -master_pl_name manifest.m3u8 -var_stream_map "v:0,a:0 v:1,a:1" ts/v%v/index.m3u8
cp -r ts "$OUT/hls-ts"

# d) HLS fMP4: two video renditions + one alternate audio rendition.
ffmpeg -hide_banner -loglevel error -y -i "$OUT/source.mp4" \
  -filter_complex "[0:v]split=2[a][b];[a]scale=640:360[v0];[b]scale=426:240[v1]" \
  -map "[v0]" -map "[v1]" -map 0:a \
  "${X264[@]}" -b:v:0 400k -b:v:1 150k -c:a aac -b:a 64k -ac 2 \
  -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_type fmp4 \
  -hls_fmp4_init_filename init.mp4 -hls_segment_filename 'fmp4/%v/seg_%03d.m4s' \
  -master_pl_name manifest.m3u8 \
  -var_stream_map "v:0,agroup:aud,name:360p v:1,agroup:aud,name:240p a:0,agroup:aud,name:audio,default:yes" \
  fmp4/%v/index.m3u8

# e) AES-128 over whole media segments (ffmpeg 5.1 refuses "Encrypted fmp4"), init segments stay clear.
openssl rand 16 > fmp4/enc.key
KEYHEX=$(od -An -tx1 fmp4/enc.key | tr -d ' \n')
IV=$(openssl rand -hex 16)
for f in fmp4/*/seg_*.m4s; do
  openssl enc -aes-128-cbc -K "$KEYHEX" -iv "$IV" -in "$f" -out "$f.enc"
  mv "$f.enc" "$f"
done
for pl in fmp4/360p/index.m3u8 fmp4/240p/index.m3u8 fmp4/audio/index.m3u8; do
  sed -i "s|^\(#EXT-X-MAP:.*\)$|\1\n#EXT-X-KEY:METHOD=AES-128,URI=\"../enc.key\",IV=0x$IV|" "$pl"
done

# f) WebVTT subtitle rendition: one cue per 2 s, a one-segment playlist, referenced from the master.
mkdir -p fmp4/subs
{
  printf 'WEBVTT\n\n'
  for i in $(seq 0 $((DURATION / 2 - 1))); do
    printf '00:00:%02d.000 --> 00:00:%02d.000\nEmulator subtitle %d\n\n' $((i * 2)) $((i * 2 + 2)) $((i + 1))
  done
} > fmp4/subs/subs.vtt
printf '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:%d\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:%d.000,\nsubs.vtt\n#EXT-X-ENDLIST\n' \
  "$DURATION" "$DURATION" > fmp4/subs/index.m3u8
sed -i \
  -e 's|^\(#EXT-X-STREAM-INF:.*\)$|\1,SUBTITLES="subs"|' \
  -e 's|^\(#EXT-X-MEDIA:TYPE=AUDIO.*\)$|\1\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="subs/index.m3u8"|' \
  fmp4/manifest.m3u8
cp -r fmp4 "$OUT/hls-fmp4"

du -sh "$OUT"
