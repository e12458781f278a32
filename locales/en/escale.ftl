# escale — English messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇬🇧 English
cmd-start = Start: welcome and spots
cmd-spots = Spots near you
cmd-progress = My passport: spots and tasks done
cmd-lang = Change language
cmd-help = What this bot does
cmd-privacy = What we store and why
cmd-mydata = See everything stored about me
cmd-myphotos = My photos and what I allowed
cmd-stats = Office: the week’s numbers
cmd-export = Office: all counts as CSV files
cmd-partner = Partner: what the bot brings you
cmd-redeem = Check and use a reward code
bot-description = The digital guide of { $destination }: at each spot, a few short tasks (a photo, a postcard, our hashtag…) and a reward at the end. Scan a spot’s QR code or share your location.
bot-short-description = { $destination } in your pocket: spots, short digital tasks, a reward.
cmd-forget = Erase everything about me

## Welcome and spots

welcome = Welcome to { $destination }! 👋
    At each spot of the destination, a few short digital tasks await you: share a photo, send a postcard, find our hashtag…
    Share your location and I’ll open the spot you’re at.
share-location = 📍 Share my location
spots-pick = Or pick a spot:
spots-nearest = You’re not at one of our spots yet. The nearest ones:
spot-unknown = I don’t know this spot (maybe it has moved). Here are the spots of the destination:
spot-pick-task = What would you like to do here?
partner-welcome = Welcome, and thanks to { $partner } for pointing you our way! Enjoy { $destination }.
link-unknown = I don’t recognise this link, but you’re very welcome here.
button-spots = 🗺 Spots
button-progress = 🎒 My passport
button-stale = This button belongs to an older message and no longer works. Here are the spots as they are now:
button-stale-short = This button has expired.
button-invalid = This button isn’t valid any more.

## Tasks: shared words

task-done = ✅ Done, thank you! { $left ->
        [one] One more task awaits you here.
       *[other] { $left } more tasks await you here.
    }
task-done-short = ✅ Done!
spot-complete = 🎉 You’ve done everything at { $spot }. Bravo! Other spots are waiting for you.

photo-title = Share a photo
photo-done = ✅ Photo sent
photo-intro = Show us { $spot } through your eyes: send a photo of the place.
photo-waiting = I’m waiting for a photo: tap 📎 and pick one, or take it now.
photo-unexpected = Nice photo! To share it, first open a spot and choose “Share a photo”.
photo-heic = This is a HEIC file, which we can’t open. Please send it as a photo instead (📎 → Gallery), not as a file.
photo-video = Videos can’t be shared here, sorry: please send a photo.
photo-wrong-file = I can only take photos, or JPEG and PNG files. Please send a photo.
photo-too-big = This file is over 20 MB, too big for me. Please send it as a photo instead.
photo-pending-limit = You already have { $limit } photos waiting for the office to look at them. Thank you! Please wait until they’ve been reviewed before sending more.
photo-consent = 📷 Thank you! May the { $destination } tourism office use your photo? Tick what you allow, then continue. Saying no is fine: the task still counts.
photo-scope-social = Social networks
photo-scope-web = Website and print
photo-scope-partners = Partners of the destination
photo-scope-none = no use (private)
photo-consent-all = ✅ All
photo-consent-none = 🔒 None
photo-consent-continue = Continue ➡️
photo-credit = How should we credit you when we use it?
photo-credit-as = As “{ $name }”
photo-credit-type = ✏️ Another name…
photo-credit-anonymous = Anonymous
photo-credit-type-now = Type the name to credit ({ $max } characters at most).
photo-thanks = Thank you! 📷 The tourism office will look at your photo. You can change your mind at any time with /myphotos.
photo-kept-private = Noted: your photo stays private, we share it with no one. Thank you! 📷 You can change your mind at any time with /myphotos.
photo-withdrawn = Your consent is withdrawn: the office has been told and will no longer use this photo.
photo-consent-updated = Your choice is saved. Thank you!
photo-stale = This question is no longer open. See your photos with /myphotos.
photo-selected = 🎉 Great news: your photo of { $spot } was selected by the { $destination } tourism office. Thank you for sharing it!
photo-status-draft = being shared
photo-status-private = private
photo-status-pending = waiting for the office
photo-status-approved = selected by the office
photo-status-rejected = not selected
photo-status-withdrawn = consent withdrawn
myphotos-empty = You haven’t shared any photo yet. Open a spot with /spots and choose “Share a photo”.
myphotos-title = { $count ->
        [one] Your photo, and what you allowed:
       *[other] Your { $count } photos, and what you allowed:
    }
myphotos-caption = 📍 { $spot } · { $date }
    Allowed: { $scopes }
    Credit: { $credit }
    Status: { $status }
myphotos-change = ✏️ Change
myphotos-withdraw = 🚫 Withdraw consent

review-title = Leave a review
review-done = ✅ I left a review
review-intro = Your opinion of { $spot } helps other travellers, whatever it is. It only takes a minute.
review-open = ⭐ Write a review
review-unavailable = There is no review page for { $spot } yet. Thanks for thinking of it!

postcard-title = Send a postcard
postcard-done = ✅ Postcard sent
postcard-pick-picture = 💌 Let’s make a postcard for a friend! Which picture should it show?
postcard-own-photo = 📷 Your photo ({ $date })
postcard-new-photo = 📸 A new photo
postcard-send-photo = Send the photo for your card: tap 📎 and pick one, or take it now.
postcard-photo-please = I’m waiting for the photo of your card.
postcard-write = Now write a few words for your friend ({ $max } characters at most).
postcard-pick-first = First choose the picture of your card: open the postcard task of a spot.
postcard-text-please = Write the words of your card as a text message.
postcard-too-long = That’s { $length } characters: a postcard holds { $max } at most. Could you make it shorter?
postcard-nothing-drawable = I can’t write these characters on a card. Could you use letters and numbers?
postcard-some-dropped = Note: emoji and some characters can’t be printed on the card, so they were left out.
postcard-hourly-limit = You’ve made { $max } postcards in the last hour: that’s the most for now. Try again a little later!
postcard-drawing = ✍️ Writing your card…
postcard-caption = 💌 Your postcard from { $destination }! Send it to a friend: its code opens our guide.
postcard-share = 📤 Send it to a friend
postcard-unreadable = I can’t read this picture. Could you choose another one?
postcard-too-big = This picture is too big for a card. Could you choose another one, or send it as a photo?
postcard-not-sent = Your card couldn’t be sent just now. Please try again in a moment.
postcard-a-friend = A friend
postcard-friend-welcome = 👋 { $name } sent you this postcard from { $spot }, { $destination }! Welcome: here is our guide to the destination.
postcard-inline-caption = 💌 A postcard from { $destination }
postcard-inline-open = 🗺 Discover { $destination }

hashtag-title = Use our hashtag
hashtag-done = ✅ I posted it
hashtag-intro = Posting a photo of { $spot }? Add these hashtags so the whole destination can see it:
hashtag-copy = 📋 Copy the hashtags

app-title = Get the stay app
app-done = ✅ Installed
app-intro = 📱 { $app }: everything for your stay, in your pocket.
app-tips = How to make the most of it:
app-ios = App Store
app-android = Google Play
app-web = Website

## The office's side (in the destination's default language)

office-approve = ✅ Approve
office-reject = ❌ Reject
office-photo-caption = 📷 Photo { $id } · { $spot }
    Allowed: { $scopes }
    Credit: { $credit }
    Shared on { $date } · partner: { $partner }
    Status: { $status }
office-photo-withdrawn = 🚫 Photo { $id }: its author withdrew their consent. Please stop using it and take it down wherever it appears.
office-photo-consent-changed = ✏️ Photo { $id }: its author changed what they allow. Now: { $scopes }.
office-photo-gone = This photo was erased by its author: there is nothing left to decide.
office-already = Already decided: { $status }.
office-approved-by = ✅ Approved by { $name } on { $date }
office-rejected-by = ❌ Rejected by { $name } on { $date }
office-only-admins = Only the tourism office staff can decide on photos.
office-moderation-unreachable = ⚠️ A tourist shared a photo with consent, but I couldn’t post it for moderation ({ $problem }). Please add me to the moderation chat and allow me to post there.

## Passport

progress-title = 🎒 Your { $destination } passport
    Spots visited: { $visited } of { $total } · tasks done: { $score }
progress-unvisited = Still to discover: { $spots }

## Rewards

reward-earned = 🎁 Well done: { $tasks ->
        [one] one task done!
       *[other] { $tasks } tasks done!
    } Your reward: { $reward }.
    Show this code: { $code }
progress-reward = 🎁 Your reward: { $reward }. Code: { $code }
progress-reward-used = 🎁 Reward received on { $date }. Thank you!
redeem-usage = Type the code after the command, for example: /redeem K7Q2-9XMA
redeem-unknown = ❌ “{ $code }” is not a valid code.
redeem-already = ❌ This code was already used on { $date }.
redeem-ok = ✅ Valid code (earned on { $date }). It is now marked as used.

## Statistics (office and partners)

stats-title = 📊 { $name }: the last 7 days (the 7 before in brackets)
stats-line = { $label }: { $value }
stats-spot-opened = First visits to spots
stats-tasks = Tasks done
stats-photo-shared = Photos shared
stats-photo-consented = Photos with consent
stats-photo-approved = Photos approved
stats-postcard-sent = Postcards sent
stats-friend-arrived = Friends who came by a postcard
stats-app = Stay app installs (declared)
stats-review = Reviews (declared)
stats-reward-earned = Rewards earned
stats-reward-redeemed = Rewards handed over
stats-top-spots = Top spots
stats-partners = Tourists brought by partners
stats-period = From { $from } to { $to } (UTC days).
export-caption = All counts, per day: open with a spreadsheet.
chart-title = Tasks done per day — { $name }
chart-subtitle = The last { $days } days: { $total ->
    [one] { $total } task done
   *[other] { $total } tasks done
}
chart-empty = No tasks done yet: the bars will appear here.
chart-day = { $day }/{ $month }
chart-caption = 📈 Tasks done per day over the last { $days } days, by task.
photo-short = Photo
review-short = Review
postcard-short = Postcard
hashtag-short = Hashtag
app-short = Stay app

## Language

lang-choose = Which language would you like?
lang-set = 🇬🇧 From now on, I’ll speak English.

## Help, privacy, your data

help = I’m the digital guide of { $destination }. 🗺
    Scan the QR code at a spot, or share your location, and I’ll suggest a few short tasks there.

    /spots — spots near you
    /progress — your passport
    /lang — change language
    /privacy — what we store
    /myphotos — your photos and what you allowed
    /mydata — see your data
    /forget — erase your data
privacy = 🔒 What we store, and why
    • The spots you opened and the tasks you did there: to show your passport.
    • The language you chose, if you chose one.
    • The partner (a hotel, for example) whose link brought you here: so our partners know the service is useful.
    • The photos you share: Telegram’s reference to the file, the spot, the uses you allowed, the credit you chose and the office’s decision. You can change or withdraw your consent at any time with /myphotos.
    • The postcards you make: their code, the spot and your first name, so that your friend knows who sent it.
    • Your reward and its code, if you earn one.
    We don’t keep your phone number or your location (a shared location only finds the nearest spot), and no name other than those above.
    /mydata shows everything we store, /forget erases it.
mydata-caption = Here is everything we store about you.
mydata-empty = We store nothing about you at the moment.
forget-confirm = Erase everything we store about you (passport, language, partner, photos)? This can’t be undone.
forget-yes = 🗑 Yes, erase
forget-no = No, keep it
forget-done = Done: everything about you is erased. Goodbye, and come back whenever you like!
forget-cancelled = Nothing was erased.
forget-expired = This question has expired: type /forget again to erase your data.

## Unexpected messages

text-unexpected = I’m better with buttons 🙂 Open a spot with /spots, or see /help.
unsupported-message = I can’t read this kind of message. Use the buttons, or see /help.
command-unknown = I don’t know this command. See /help for what I can do.
group-leave = I work in private chats only, so I’m leaving this group. Open a chat with me to start: { $link }
flood-slow-down = One thing at a time, please: I’m still answering your previous messages. Try again in a few seconds.
error-apology = Sorry, something went wrong on our side. Please try again in a moment.

## Posters (escale posters): printed for each spot and partner, in the default language and in English

poster-spot-cta = { $tasks ->
        [one] Scan me: { $tasks } minute, { $tasks } digital souvenir of { $destination }
       *[other] Scan me: { $tasks } minutes, { $tasks } digital souvenirs of { $destination }
    }
poster-partner-cta = Scan me: { $destination } in your pocket during your stay
