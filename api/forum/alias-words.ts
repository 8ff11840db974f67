// Word lists for per-thread aliases ("Teal Heron"): 363 adjectives × 344 nouns = 124,872
// combinations, so two people rarely draw the same words by chance (P1). Every word is meant to be
// friendly and neutral in English and in Chinese internet slang: no colour that names a skin tone, no
// words about age, body, gender, faith or origin, and no animal, food or object used as an insult or
// innuendo (dog, pig, rat, monkey, turtle, chicken, duck, rabbit, alpaca, banana, green tea, green hat…).
// Words are unique across both lists; test/api/forum/aliases.test.ts holds the lists to that.

const words = (list: string): readonly string[] => Object.freeze(list.trim().split(/\s+/));

export const ADJECTIVES: readonly string[] = words(`
Able Adept Agile Airy Alert Alpine Amber Amiable Ample Amused Apt Aqua Arctic Ardent Artful Astute
Atomic Attentive Autumn Azure Balanced Balmy Beaming Blissful Blithe Blue Bold Bookish Boreal
Bouncy Bountiful Brave Breezy Bright Brilliant Brisk Bubbly Buoyant Calm Candid Capable Careful
Caring Cerulean Charming Cheerful Cheery Chipper Civil Classic Classy Clever Cloudy Coastal Cobalt
Composed Content Copper Cordial Cosmic Courteous Cozy Crimson Crisp Crystal Cubic Curious Cyan
Dapper Daring Dazzling Decent Deft Delightful Dependable Devoted Dewy Digital Diligent Dreamy
Dutiful Dynamic Eager Earnest Earthy Efficient Elated Electric Elegant Eloquent Emerald Energetic
Engaging Epic Ethical Exact Expert Fabled Fabulous Faithful Fearless Festive Fine Fleet Floral
Flowing Fluent Focused Fond Frank Free Fresh Friendly Frosty Frugal Funny Gallant Garnet Generous
Genial Gentle Genuine Gifted Glacial Glad Gleaming Gleeful Glowing Golden Good Graceful Gracious
Grand Grateful Handy Happy Hardy Harmonic Hearty Helpful Heroic Highland Honest Hopeful Humble
Humming Ideal Idyllic Indigo Inventive Jaunty Jazzy Jolly Jovial Joyful Jubilant Just Keen Kind
Kindly Kinetic Lavender Leafy Learned Level Lilac Limber Lively Logical Lovely Loyal Lucid Lucky
Luminous Lunar Lush Lyrical Magenta Magic Magnetic Majestic Marvelous Mauve Mellow Melodic Merry
Mighty Mild Mindful Mint Misty Modern Modest Moonlit Mossy Musical Mystic Natural Nautical Neat
Nifty Nimble Noble Novel Ochre Oceanic Opal Open Orange Orbital Patient Peaceful Pearl Peppy Perky
Placid Playful Pleasant Plucky Plush Poised Polar Polished Polite Positive Precise Prime Pristine
Prompt Proud Pure Purple Quaint Quantum Quick Quiet Quirky Radiant Rainy Rapid Rational Ready
Refined Regal Relaxed Reliable Resolute Restful Retro Rhythmic Robust Rocky Rosy Royal Ruby Russet
Rustic Saffron Sage Sapphire Savvy Scarlet Scenic Scholarly Sensible Serene Sharp Shiny Silent
Silver Simple Sincere Skilled Sleek Slate Smart Smooth Snappy Snowy Snug Social Soft Solar Solid
Sonic Sparkling Speedy Spirited Splendid Spotless Sprightly Spring Spry Stable Starlit Starry
Stately Steady Stellar Still Stormy Striking Studious Sturdy Subtle Summer Sunlit Sunny Super
Supple Sweet Swift Tactful Teal Tender Thankful Thoughtful Thrifty Tidal Tidy Timely Tireless Tonal
Topaz Tranquil Tropical True Trusty Tuneful Twilight Unique Upbeat Urban Useful Valiant Velvet
Verdant Vernal Versatile Vibrant Vintage Violet Vital Vivid Wandering Warm Welcome Whimsical
Wholesome Willing Windy Winsome Winter Wise Witty Wonderful Wondrous Woodland Woven Zany Zealous
Zesty Zippy
`);

export const NOUNS: readonly string[] = words(`
Heron Egret Crane Finch Robin Wren Lark Sparrow Kestrel Falcon Hawk Eagle Osprey Owl Puffin Pelican
Albatross Petrel Tern Plover Sandpiper Kingfisher Magpie Jay Bluebird Cardinal Oriole Warbler
Thrush Starling Nightingale Hummingbird Toucan Parrot Macaw Flamingo Ibis Stork Swan Grebe Dove
Quail Pheasant Peacock Penguin Condor Harrier Merlin Avocet Curlew Dunlin Godwit Bunting Linnet
Siskin Canary Lorikeet Hornbill Kookaburra Roadrunner Waxwing Nuthatch Bobolink Tanager Grosbeak
Junco Vireo Kinglet Pipit Skylark Sunbird Bulbul Myna Barbet Trogon Quetzal Jacana Otter Badger
Marten Lynx Ocelot Puma Jaguar Leopard Tiger Lion Bear Panda Koala Wombat Wallaby Kangaroo Platypus
Dolphin Porpoise Orca Seal Narwhal Moose Elk Deer Fawn Reindeer Caribou Bison Yak Zebra Giraffe
Elephant Gazelle Antelope Ibex Chamois Marmot Squirrel Chipmunk Hedgehog Meerkat Mongoose Armadillo
Tapir Okapi Capybara Chinchilla Hamster Ferret Stoat Ermine Mink Bobcat Vole Dormouse Gecko Iguana
Salamander Newt Seahorse Starfish Octopus Nautilus Marlin Salmon Trout Minnow Sturgeon Mackerel
Herring Koi Guppy Tetra Manta Stingray Oyster Scallop Lobster Krill Beluga Firefly Dragonfly
Butterfly Moth Honeybee Ladybug Cricket Cicada Beetle Mantis Katydid Maple Oak Willow Birch Cedar
Pine Spruce Aspen Alder Elm Hazel Juniper Cypress Sequoia Redwood Bamboo Lotus Orchid Lily Iris
Tulip Daisy Poppy Peony Jasmine Magnolia Camellia Azalea Dahlia Aster Clover Fern Moss Ivy Laurel
Holly Heather Thistle Sunflower Marigold Primrose Bluebell Snowdrop Hyacinth Gardenia Hibiscus
Acacia Banyan Baobab Mango Olive Lime Plum Apricot Fig Pear Apple Quince Melon Cranberry Blueberry
Walnut Chestnut Almond Pecan Acorn Pinecone Sprout Seedling Blossom Petal Meadow Grove Orchard
Garden Comet Meteor Nebula Galaxy Planet Orbit Quasar Pulsar Nova Aurora Horizon Zenith Eclipse
Cloud Breeze Drizzle Rainbow Thunder Glacier Iceberg Summit Peak Ridge Canyon Mesa Dune Oasis
Lagoon Harbor River Brook Creek Stream Delta Fjord Reef Island Atoll Geyser Prairie Valley Forest
Lantern Compass Anchor Beacon Harp Lute Flute Violin Cello Banjo Piano Bell Chime Kite Sail Paddle
Canoe Kayak Rocket Satellite Telescope Prism Marble Pebble Boulder Quartz Ember Spark Candle Quill
Scroll Atlas Globe Kettle Teapot Teacup Muffin Biscuit Waffle Pretzel Dumpling Mochi Bagel Pancake
Cookie Pudding Toffee Caramel Truffle Nougat Sorbet Gelato Mocha Latte Cocoa Chai Matcha Sencha
`);
